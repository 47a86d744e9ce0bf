import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getKind } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { gatewayClass, manyBackends } from '../../testing/fixtures';
import { toResourceItem } from '../../testing/resourceItems';
import { ResourceTable, VIRTUALIZE_ABOVE } from './ResourceTable';

const backendKind = getKind('AgentgatewayBackend');

function bodyRows(table: HTMLElement) {
  return Array.from(table.querySelectorAll('tbody tr')).filter(
    r => r.getAttribute('aria-hidden') !== 'true',
  );
}

// role queries over MUI tables are slow on a busy 2-core machine
jest.setTimeout(30_000);

describe('ResourceTable', () => {
  it('renders every row of a short table', () => {
    const items = manyBackends(20).map(o => toResourceItem(o));
    render(<ResourceTable descriptor={backendKind} items={items} />);
    const table = screen.getByRole('table', { name: 'Backends' });
    expect(bodyRows(table)).toHaveLength(20);
    expect(within(table).getByText('backend-019')).toBeInTheDocument();
  });

  it(`virtualizes tables longer than ${VIRTUALIZE_ABOVE} rows`, () => {
    // 1,000 lean rows (what `GET {ref}/tabs` sends: no objects)
    const items = manyBackends(1000).map(o => {
      const { object: _object, ...row } = toResourceItem(o);
      return row;
    });
    render(<ResourceTable descriptor={backendKind} items={items} />);
    const table = screen.getByRole('table', { name: 'Backends' });
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(60);
    expect(within(table).getByText('backend-000')).toBeInTheDocument();
    expect(within(table).queryByText('backend-999')).not.toBeInTheDocument();
    expect(table).toHaveAttribute('aria-rowcount', '1001');
    // a spacer row keeps the scroll height of the rows not rendered
    const spacer = table.querySelector(
      'tbody tr[aria-hidden="true"]',
    ) as HTMLElement;
    expect(parseInt(spacer.style.height, 10)).toBeGreaterThan(900 * 50);
  });

  it('explains an empty table', () => {
    render(<ResourceTable descriptor={backendKind} items={[]} />);
    expect(screen.getByText('No backends found.')).toBeInTheDocument();
  });

  it('omits namespace for cluster-scoped kinds and adds cluster and action columns on request', async () => {
    const selected: string[] = [];
    render(
      <ResourceTable
        descriptor={getKind('GatewayClass')}
        items={[toResourceItem(gatewayClass, { cluster: 'prod' })]}
        showCluster
        onSelect={i => selected.push(i.name)}
        renderRowActions={i => <button type="button">Edit {i.name}</button>}
      />,
    );
    const table = screen.getByRole('table', { name: 'Gateway classes' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Name',
      'Cluster',
      'Controller',
      'Parameters',
      'Status',
      'Age',
      'Actions',
    ]);
    expect(within(table).getByText('prod')).toBeInTheDocument();
    expect(
      within(table).getByText('agentgateway.dev/agentgateway'),
    ).toBeInTheDocument();
    // the action does not open the drawer; the row does
    await userEvent.click(
      screen.getByRole('button', { name: 'Edit agentgateway' }),
    );
    expect(selected).toEqual([]);
    await userEvent.click(
      within(table).getByText('agentgateway.dev/agentgateway'),
    );
    expect(selected).toEqual(['agentgateway']);
  });

  it('keeps headers, names, namespaces and ages on one line; no cell breaks inside a word', () => {
    const items = manyBackends(2).map(o => toResourceItem(o));
    render(<ResourceTable descriptor={backendKind} items={items} />);
    const table = screen.getByRole('table', { name: 'Backends' });
    for (const header of within(table).getAllByRole('columnheader'))
      expect(header).toHaveStyle({ whiteSpace: 'nowrap' });
    const cells = Array.from(bodyRows(table)[0].children) as HTMLElement[];
    // Name, Namespace, ..., Age (last)
    for (const cell of [cells[0], cells[1], cells[cells.length - 1]])
      expect(cell).toHaveStyle({ whiteSpace: 'nowrap' });
    for (const cell of cells) {
      expect(cell).toHaveStyle({ overflowWrap: 'normal', wordBreak: 'normal' });
      for (const inner of Array.from(
        cell.querySelectorAll<HTMLElement>('*:not(.ai-gateway-long-line)'),
      ))
        expect(inner).toHaveStyle({
          overflowWrap: 'normal',
          wordBreak: 'normal',
        });
    }
  });
});
