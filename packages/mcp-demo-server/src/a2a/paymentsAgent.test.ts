import { startMcpDemoServer, McpDemoServer } from '../startMcpDemoServer';
import { answer } from './paymentsAgent';

describe('the demo A2A agent (official A2A SDK server classes)', () => {
  let server: McpDemoServer;
  beforeAll(async () => {
    server = await startMcpDemoServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('serves its agent card at both well-known paths (A2A 0.3 shape without an A2A-Version header)', async () => {
    const base = server.a2aAgents[0].url;
    for (const path of [
      '/.well-known/agent-card.json',
      '/.well-known/agent.json',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      const card = await res.json();
      expect(card).toMatchObject({
        name: 'Payments agent',
        url: base,
        version: '1.2.0',
        protocolVersion: '0.3',
        defaultInputModes: ['text/plain'],
      });
      expect(card.skills.map((s: { id: string }) => s.id)).toEqual([
        'payment_status',
        'refund_payment',
        'explain_invoice',
      ]);
      expect(card.skills[1].tags).toEqual(['payments', 'refunds']);
    }
  });

  it('answers message/send over JSON-RPC', async () => {
    const res = await fetch(server.a2aAgents[0].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'message/send',
        params: {
          message: {
            kind: 'message',
            messageId: 'm-1',
            role: 'user',
            parts: [{ kind: 'text', text: 'What is the status of pay_1042?' }],
          },
        },
      }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      jsonrpc: '2.0',
      id: 7,
      result: {
        kind: 'message',
        role: 'agent',
        parts: [
          { kind: 'text', text: answer('What is the status of pay_1042?') },
        ],
      },
    });
    expect(body.result.parts[0].text).toMatch(/^Payment pay_1042 is \w+\.$/);
  });

  it('refuses a request it cannot serve with a JSON-RPC error', async () => {
    const res = await fetch(server.a2aAgents[0].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'no/such' }),
    });
    const body = await res.json();
    expect(body.id).toBe(1);
    expect(body.error.code).toBeLessThan(-32000);
  });
});
