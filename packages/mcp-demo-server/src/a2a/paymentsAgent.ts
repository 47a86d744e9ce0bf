import { randomUUID } from 'node:crypto';
import express from 'express';
import { AgentCard, Role } from '@a2a-js/sdk';
import {
  AgentEvent,
  AgentExecutor,
  DefaultRequestHandler,
  InMemoryTaskStore,
} from '@a2a-js/sdk/server';
import {
  agentCardHandler,
  jsonRpcHandler,
  UserBuilder,
} from '@a2a-js/sdk/server/express';

/** Where the demo's A2A agent is served under the demo server (`/<id>`); stands in for `team-payments/payments-agent-a2a`. */
export const PAYMENTS_AGENT_ID = 'payments-agent';

const skill = (
  id: string,
  name: string,
  description: string,
  tags: string[],
  examples: string[],
) => ({
  id,
  name,
  description,
  tags,
  examples,
  inputModes: [],
  outputModes: [],
  securityRequirements: [],
});

/** The agent card (A2A 1.0; served as a 0.3 card to clients that send no `A2A-Version`, e.g. discovery). */
export function paymentsAgentCard(url: string): AgentCard {
  return {
    name: 'Payments agent',
    description:
      'Answers questions about payments, refunds and invoices of the payments team.',
    supportedInterfaces: [
      { url, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' },
      { url, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '0.3' },
    ],
    provider: { organization: 'Payments team', url: 'https://example.com' },
    version: '1.2.0',
    capabilities: {
      streaming: false,
      pushNotifications: false,
      extensions: [],
    },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      skill(
        'payment_status',
        'Payment status',
        'Looks up the status of a payment by its id (authorized, captured, settled, refunded).',
        ['payments', 'status'],
        ['What is the status of payment pay_1042?'],
      ),
      skill(
        'refund_payment',
        'Refund a payment',
        'Opens a refund for a captured payment and says when it settles.',
        ['payments', 'refunds'],
        ['Refund payment pay_1042'],
      ),
      skill(
        'explain_invoice',
        'Explain an invoice',
        'Explains the line items, taxes and fees of an invoice.',
        ['invoices', 'billing'],
        ['Explain invoice inv_2026_11'],
      ),
    ],
    signatures: [],
  };
}

const STATES = ['authorized', 'captured', 'settled', 'refunded'];

/** The agent's answer to one user text: deterministic, from the skill the text asks for. */
export function answer(text: string): string {
  const id = /\b(pay|inv)_[A-Za-z0-9_]+/.exec(text)?.[0];
  const n = [...(id ?? text)].reduce((a, c) => a + c.charCodeAt(0), 0);
  if (/refund/i.test(text))
    return id
      ? `Refund opened for ${id}: it settles in ${2 + (n % 4)} business days.`
      : 'Which payment should be refunded? Give its id, e.g. pay_1042.';
  if (/invoice|inv_/i.test(text))
    return `Invoice ${id ?? '(latest)'}: ${
      3 + (n % 5)
    } line items, VAT 19 %, card fees ${((n % 90) / 100 + 0.5).toFixed(
      2,
    )} EUR.`;
  return id
    ? `Payment ${id} is ${STATES[n % STATES.length]}.`
    : 'I can look up payments (pay_…), refund them, and explain invoices (inv_…).';
}

const executor: AgentExecutor = {
  async execute(ctx, bus) {
    const text = ctx.userMessage.parts
      .map(p => (p.content?.$case === 'text' ? p.content.value : ''))
      .join(' ');
    bus.publish(
      AgentEvent.message({
        messageId: randomUUID(),
        contextId: ctx.contextId,
        taskId: '',
        role: Role.ROLE_AGENT,
        parts: [
          {
            content: { $case: 'text', value: answer(text) },
            metadata: undefined,
            filename: '',
            mediaType: 'text/plain',
          },
        ],
        metadata: undefined,
        extensions: [],
        referenceTaskIds: [],
      }),
    );
    bus.finished();
  },
  async cancelTask() {},
};

/**
 * A real A2A agent built with the official SDK's server classes: the agent card at `/.well-known/agent-card.json`
 * (and the older `/.well-known/agent.json`), JSON-RPC (`message/send` for A2A 0.3 clients, `SendMessage` for 1.0) at
 * `/`. Mount it under `/<PAYMENTS_AGENT_ID>`; `url` is the address clients reach it at.
 */
export function paymentsAgentApp(url: string): express.Express {
  const handler = new DefaultRequestHandler(
    paymentsAgentCard(url),
    new InMemoryTaskStore(),
    executor,
  );
  const card = agentCardHandler({
    agentCardProvider: handler,
    legacyCompat: { enabled: true },
  });
  const app = express();
  app.use('/.well-known/agent-card.json', card);
  app.use('/.well-known/agent.json', card);
  app.use(
    '/',
    jsonRpcHandler({
      requestHandler: handler,
      userBuilder: UserBuilder.noAuthentication,
      legacyCompat: { enabled: true },
    }),
  );
  return app;
}
