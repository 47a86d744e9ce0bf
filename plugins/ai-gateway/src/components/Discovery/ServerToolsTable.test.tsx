import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type { McpToolPage } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import {
  AiGatewayQueryProvider,
  createAiGatewayQueryClient,
} from '../../query/AiGatewayQueryProvider';
import { McpToolsTable } from './McpToolsTable';
import { manyTools } from './__testUtils__/entities';

jest.setTimeout(60_000); // the 2-core machine is shared

const BASE = 'http://backend/api/ai-gateway';
const ALL = manyTools(10_000);

/**
 * The backend's paged tools endpoint over 10,000 stored tools: `limit`, an opaque cursor (the next offset in
 * base64) and `q` on name / title / description, as GET /discovery/apis/{ns}/{name}/tools answers.
 */
function toolsBackend(options: { status?: number } = {}) {
  const requests: URL[] = [];
  const fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    requests.push(url);
    if (options.status)
      return new Response(JSON.stringify({ error: { message: 'Not found' } }), {
        status: options.status,
        headers: { 'content-type': 'application/json' },
      });
    const limit = Number(url.searchParams.get('limit'));
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const cursor = url.searchParams.get('cursor');
    const from = cursor ? Number(atob(cursor)) : 0;
    const matched = ALL.filter(
      t =>
        !q ||
        t.name.includes(q) ||
        (t.description ?? '').toLowerCase().includes(q),
    );
    const items = matched.slice(from, from + limit);
    const body: McpToolPage = {
      status: 'ok',
      total: ALL.length,
      matched: matched.length,
      items,
      ...(from + limit < matched.length
        ? { nextCursor: btoa(String(from + limit)) }
        : {}),
    };
    return new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch, requests };
}

function renderTable(backend: ReturnType<typeof toolsBackend>) {
  const client = createAiGatewayQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [discoveryApiRef, { getBaseUrl: async () => BASE }],
        [fetchApiRef, { fetch: backend.fetch }],
      ]}
    >
      <AiGatewayQueryProvider client={client}>
        {/* the entity holds the first 2,000 tools (maxToolsPerEntity), the backend all 10,000 */}
        <McpToolsTable
          tools={ALL.slice(0, 2000)}
          source={{ namespace: 'default', name: 'team-support.big-mcp' }}
        />
      </AiGatewayQueryProvider>
    </TestApiProvider>,
  );
}

const rowNames = () =>
  within(screen.getByRole('table', { name: 'Tools' }))
    .queryAllByText(/^tool_\d{5}$/)
    .map(e => e.textContent);

describe('McpToolsTable paging through the backend', () => {
  it('shows the first page from the entity at once, then pages 10,000 tools with the cursors the backend gives', async () => {
    const backend = toolsBackend();
    await renderTable(backend);
    expect(rowNames()[0]).toBe('tool_00000');
    // the backend's count replaces the entity's 2,000
    await screen.findByText('1–25 of 10000');
    expect(backend.requests[0].pathname).toBe(
      '/api/ai-gateway/discovery/apis/default/team-support.big-mcp/tools',
    );
    expect(backend.requests[0].searchParams.get('limit')).toBe('25');
    expect(backend.requests[0].searchParams.has('cursor')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(rowNames()[0]).toBe('tool_00025'));
    expect(backend.requests[1].searchParams.get('cursor')).toBe(btoa('25'));
    expect(rowNames()).toHaveLength(25);
  });

  it('searches all stored tools on the backend (q), beyond the part the entity holds', async () => {
    const backend = toolsBackend();
    await renderTable(backend);
    await screen.findByText('1–25 of 10000');
    fireEvent.change(screen.getByLabelText('Filter 10000 tools'), {
      target: { value: 'tool_09999' },
    });
    await waitFor(() => expect(rowNames()).toEqual(['tool_09999']));
    expect(backend.requests.at(-1)!.searchParams.get('q')).toBe('tool_09999');
    expect(screen.getByText('1–1 of 1')).toBeInTheDocument();
  });

  it("pages the entity's own list when the backend cannot serve the tools", async () => {
    const backend = toolsBackend({ status: 404 });
    await renderTable(backend);
    await screen.findByText(/The gateway's tool list could not be read/);
    expect(screen.getByText('1–25 of 2000')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(rowNames()[0]).toBe('tool_00025');
  });
});
