import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { A2aApiDefinition } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { A2aAgentCard } from './A2aAgentCard';

const url = 'https://ai.example.com/payments/agent';
const definition = (
  discovery: A2aApiDefinition['discovery'],
): A2aApiDefinition => ({
  kind: 'a2a',
  url,
  agentCardUrl: `${url}/.well-known/agent-card.json`,
  agentCard: {
    name: 'Payments agent',
    version: '1.2.0',
    description: 'Answers questions about payments.',
    url,
    capabilities: {},
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'refund_payment',
        name: 'Refund a payment',
        description: 'Opens a refund.',
        tags: ['payments', 'refunds'],
        examples: ['Refund payment pay_1042'],
      },
      { id: 'payment_status', name: 'Payment status', tags: [] },
    ],
  },
  discovery,
  auth: { kind: 'api-key', header: 'Authorization', scheme: 'Bearer ' },
  policies: [],
});

describe('A2aAgentCard', () => {
  it('lists the skills of the fetched card with their tags and examples', async () => {
    await renderInTestApp(
      <A2aAgentCard
        definition={definition({
          status: 'ok',
          discoveredAt: '2026-12-02T10:00:00Z',
        })}
      />,
    );
    expect(screen.getByText('Payments agent 1.2.0')).toBeInTheDocument();
    expect(screen.getByText(/Agent card read/)).toBeInTheDocument();
    const skills = screen.getByRole('list', { name: 'Skills' });
    expect(within(skills).getAllByRole('listitem')).toHaveLength(2);
    expect(within(skills).getByText('Refund a payment')).toBeInTheDocument();
    expect(within(skills).getByText('refunds')).toBeInTheDocument();
    expect(
      within(skills).getByText('e.g. “Refund payment pay_1042”'),
    ).toBeInTheDocument();
    expect(screen.getByText('Skills (2)')).toBeInTheDocument();
  });

  it('says when and why reading the card failed, keeping the last card', async () => {
    await renderInTestApp(
      <A2aAgentCard
        definition={definition({
          status: 'failed',
          discoveredAt: '2026-12-02T10:00:00Z',
          error: { at: '2026-12-02T11:00:00Z', message: 'HTTP 503' },
        })}
      />,
    );
    expect(
      screen.getByText(
        /Reading the agent card failed at .*HTTP 503.*Showing the card last read/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Payment status')).toBeInTheDocument();
  });
});
