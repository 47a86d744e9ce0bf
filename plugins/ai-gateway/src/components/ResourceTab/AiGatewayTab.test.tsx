import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FixtureAiGatewayApi } from '../../testing/FixtureAiGatewayApi';
import { entityOf, renderWithApi } from '../../__testUtils__/renderWithApi';
import {
  anthropicBackend,
  gateway,
  openaiBackend,
  policy,
  route,
} from '../../testing/fixtures';
import { AiGatewayTab } from './AiGatewayTab';

const annotated = entityOf('chat', {
  'backstage.io/kubernetes-id': 'chat-service',
});
const REF = 'component:default/chat';

function apiWith(
  entity: ConstructorParameters<typeof FixtureAiGatewayApi>[0]['entities'],
) {
  return new FixtureAiGatewayApi({ entities: entity });
}

// role queries over MUI tables are slow on a busy 2-core machine
jest.setTimeout(30_000);

describe('AiGatewayTab', () => {
  it('renders one table per kind with summary columns and status chips', async () => {
    const api = apiWith({
      [REF]: { objects: [openaiBackend, anthropicBackend, route, policy] },
    });
    await renderWithApi(<AiGatewayTab tab="backends" />, {
      api,
      entity: annotated,
    });

    const backends = await screen.findByRole('table', { name: 'Backends' });
    expect(screen.getByRole('table', { name: 'Models' })).toBeInTheDocument();
    // one request for the four tabs, rows only
    expect(api.calls).toEqual([`getTabs ${REF}`]);

    const headers = within(backends)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Name',
      'Namespace',
      'Type',
      'Provider',
      'Model',
      'Targets',
      'Status',
      'Age',
    ]);

    const openaiRow = within(backends)
      .getByRole('button', { name: 'Show details of Backend openai' })
      .closest('tr')!;
    const cells = Array.from(openaiRow.querySelectorAll('th, td')).map(
      c => c.textContent,
    );
    expect(cells.slice(0, 5)).toEqual([
      'openai',
      'agentgateway-system',
      'LLM',
      'openai',
      'gpt-4o-mini',
    ]);
    expect(within(openaiRow).getByLabelText('Accepted: True')).toHaveAttribute(
      'data-status',
      'True',
    );

    const anthropicRow = within(backends)
      .getByRole('button', { name: 'Show details of Backend anthropic' })
      .closest('tr')!;
    const failed = within(anthropicRow).getByLabelText('Accepted: False');
    expect(failed).toHaveAttribute('data-status', 'False');
    // only backends-tab kinds are listed
    expect(screen.queryByText('llm-combined-limit')).not.toBeInTheDocument();

    await userEvent.hover(failed);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Accepted=False (TranslationError) — failed to translate backend: secret agentgateway-system/anthropic-secret missing Authorization value',
    );
  });

  it('shows scoped route conditions and grey chips for conditions not reported yet', async () => {
    const api = apiWith({ [REF]: { objects: [route, policy] } });
    await renderWithApi(<AiGatewayTab tab="routes" />, {
      api,
      entity: annotated,
    });
    const routes = await screen.findByRole('table', { name: 'HTTP routes' });
    const resolved = within(routes).getByLabelText('ResolvedRefs: False');
    await userEvent.hover(resolved);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Gateway agentgateway-system/agentgateway-proxy: ResolvedRefs=False (BackendNotFound) — backend openai not found',
    );
    // the route's match and backend summary columns
    expect(within(routes).getByText('/openai')).toBeInTheDocument();

    await userEvent.unhover(resolved);
    const policies = new FixtureAiGatewayApi({
      entities: { [REF]: { objects: [policy] } },
    });
    await renderWithApi(<AiGatewayTab tab="policies" />, {
      api: policies,
      entity: annotated,
    });
    const table = await screen.findByRole('table', { name: 'Policies' });
    const absent = within(table).getByLabelText('Attached: not reported');
    expect(absent).toHaveAttribute('data-status', 'absent');
  });

  it('marks shared gateways the entity routes attach to', async () => {
    const api = apiWith({ [REF]: { attached: [gateway] } });
    await renderWithApi(<AiGatewayTab tab="gateways" />, {
      api,
      entity: annotated,
    });
    const table = await screen.findByRole('table', { name: 'Gateways' });
    expect(
      within(table).getByLabelText('relation: attached (shared)'),
    ).toBeInTheDocument();
    expect(within(table).getByText('http HTTP/80')).toBeInTheDocument();
    expect(within(table).getByText('http: 2')).toBeInTheDocument();
  });

  it('explains the annotations when the tab is empty', async () => {
    const api = apiWith({
      [REF]: {
        objects: [],
        selection: { kubernetesId: 'chat-service', namespace: 'team-chat' },
      },
    });
    await renderWithApi(<AiGatewayTab tab="policies" />, {
      api,
      entity: annotated,
    });
    expect(await screen.findByText('No policies yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        /No policies labelled backstage.io\/kubernetes-id=chat-service in namespace team-chat were found/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Annotation example')).toHaveTextContent(
      'backstage.io/kubernetes-id: my-service',
    );
  });

  it('shows the annotation hint without calling the backend for an entity without annotations', async () => {
    const api = apiWith({});
    await renderWithApi(<AiGatewayTab tab="routes" />, {
      api,
      entity: entityOf('plain'),
    });
    expect(
      screen.getByText('This entity is not linked to Kubernetes objects'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Annotation example')).toHaveTextContent(
      'backstage.io/kubernetes-namespace',
    );
    expect(api.calls).toEqual([]);
  });

  it('shows the annotation hint when the backend answers EntityNotAnnotatedError', async () => {
    const api = apiWith({
      [REF]: {
        error: {
          statusCode: 400,
          name: 'EntityNotAnnotatedError',
          message: 'only a namespace annotation',
        },
      },
    });
    await renderWithApi(<AiGatewayTab tab="routes" />, {
      api,
      entity: annotated,
    });
    expect(
      await screen.findByText(
        'This entity is not linked to Kubernetes objects',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('only a namespace annotation')).toBeInTheDocument();
  });

  it('shows a not-allowed error with the backend message', async () => {
    const api = apiWith({
      [REF]: {
        error: {
          statusCode: 403,
          name: 'NotAllowedError',
          message: 'ai-gateway.resource.read denied',
        },
      },
    });
    await renderWithApi(<AiGatewayTab tab="backends" />, {
      api,
      entity: annotated,
    });
    expect(
      await screen.findByText('You are not allowed to view these objects'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/NotAllowedError: ai-gateway.resource.read denied/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('warns per cluster that could not answer and still lists the rest', async () => {
    const api = apiWith({
      [REF]: {
        objects: [openaiBackend],
        clusters: [
          { name: 'local', ok: true },
          {
            name: 'prod-eu',
            ok: false,
            error: { reason: 'Unreachable', message: 'connect ETIMEDOUT' },
          },
          {
            name: 'prod-us',
            ok: false,
            error: {
              reason: 'Forbidden',
              message: 'cannot list',
              kind: 'AgentgatewayBackend',
            },
          },
        ],
      },
    });
    await renderWithApi(<AiGatewayTab tab="backends" />, {
      api,
      entity: annotated,
    });
    expect(
      await screen.findByText(
        /Cluster "prod-eu" is unreachable: connect ETIMEDOUT/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Cluster "prod-us" does not allow listing AgentgatewayBackend \(Forbidden\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Cluster "local"/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Show details of Backend openai' }),
    ).toBeInTheDocument();
  });

  it('opens a detail drawer with conditions, references, labels and YAML', async () => {
    const api = apiWith({ [REF]: { objects: [anthropicBackend] } });
    await renderWithApi(<AiGatewayTab tab="backends" />, {
      api,
      entity: annotated,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show details of Backend anthropic',
      }),
    );

    const drawer = await screen.findByRole('region', {
      name: 'AgentgatewayBackend anthropic',
    });
    const conditions = within(drawer).getByRole('table', {
      name: 'Conditions',
    });
    expect(
      within(conditions).getByText('TranslationError'),
    ).toBeInTheDocument();
    expect(
      within(drawer).getByText(
        /secret: Secret agentgateway-system\/anthropic-secret/,
      ),
    ).toBeInTheDocument();
    expect(
      within(drawer).getByText('backstage.io/kubernetes-id=chat-service'),
    ).toBeInTheDocument();
    // rows carry no object: opening the row fetched it
    const yaml = await within(drawer).findByLabelText('Object YAML');
    expect(api.calls).toContain(
      `getResource ${REF} AgentgatewayBackend anthropic`,
    );
    expect(yaml).toHaveTextContent('kind: AgentgatewayBackend');
    expect(yaml).toHaveTextContent('model: claude-sonnet-4-5');

    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'AgentgatewayBackend anthropic' }),
      ).not.toBeInTheDocument(),
    );
  });
});
