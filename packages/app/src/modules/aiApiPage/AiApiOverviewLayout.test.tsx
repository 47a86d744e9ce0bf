import { useEffect, useState } from 'react';
import { act, screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AiApiOverviewLayout } from './AiApiOverviewLayout';
import { isAiApiEntity } from '.';

type Entity = Parameters<typeof isAiApiEntity>[0];

const api = (relations: Entity['relations'] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'team-support.kb', namespace: 'default', uid: 'u-1' },
  spec: { type: 'mcp-server', owner: 'group:default/team-support' },
  relations,
});

const owner = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-support', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const cards = [
  { type: 'info' as const, element: <p>About card</p> },
  { type: 'content' as const, element: <p>Tools card</p> },
  { element: <p>Connect card</p> },
  { type: 'info' as const, element: <p>Access card</p> },
];

/** The page rendered `times` times; with `copies`, each time with a new copy of the entity (same uid). */
function Rerendering(props: {
  entity: Entity;
  times: number;
  copies: boolean;
  shown: typeof cards;
}) {
  const { entity, times, copies, shown } = props;
  const [renders, setRenders] = useState(1);
  useEffect(() => {
    if (renders < times) setTimeout(() => setRenders(renders + 1), 0);
  }, [renders, times]);
  return (
    <EntityProvider entity={copies ? { ...entity } : entity}>
      <AiApiOverviewLayout cards={shown} />
      <span>renders: {renders}</span>
    </EntityProvider>
  );
}

function setup(entity: Entity, times = 1, copies = false, shown = cards) {
  const catalog = catalogApiMock({ entities: [entity, owner] });
  const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
  const ancestry = jest.spyOn(catalog, 'getEntityAncestors');
  renderInTestApp(
    <Rerendering entity={entity} times={times} copies={copies} shown={shown} />,
    {
      apis: [[catalogApiRef, catalog]],
    },
  );
  return { byRefs, ancestry };
}

describe('isAiApiEntity', () => {
  it('selects the API entities of the three AI types only', () => {
    expect(isAiApiEntity(api())).toBe(true);
    for (const type of ['llm', 'a2a'])
      expect(isAiApiEntity({ ...api(), spec: { type } })).toBe(true);
    expect(isAiApiEntity({ ...api(), spec: { type: 'openapi' } })).toBe(false);
    expect(isAiApiEntity({ ...owner, spec: { type: 'mcp-server' } })).toBe(
      false,
    );
  });
});

describe('AiApiOverviewLayout', () => {
  it('puts the content cards first, in their order, and the info cards beside them, after an idle moment', async () => {
    setup(api());
    await screen.findByText('Tools card');
    // the info cards follow once the page has been idle (requestIdleCallback; a timeout where it is missing)
    await screen.findByText('Access card');
    const texts = screen.getAllByText(/ card$/).map(el => el.textContent);
    expect(texts).toEqual([
      'Tools card',
      'Connect card',
      'About card',
      'Access card',
    ]);
    // the two columns: content, then info
    const [content, info] = Array.from(
      screen.getByText('Tools card').closest('div')!.parentElement!
        .parentElement!.children,
    );
    expect(content.textContent).toBe('Tools cardConnect card');
    expect(info.textContent).toBe('About cardAccess card');
  });

  it('renders the info cards once the browser reports an idle moment', async () => {
    const idle: Array<() => void> = [];
    const request = jest.fn((cb: IdleRequestCallback) => {
      idle.push(() => cb({ didTimeout: false, timeRemaining: () => 10 }));
      return idle.length;
    });
    Object.assign(window, {
      requestIdleCallback: request,
      cancelIdleCallback: jest.fn(),
    });
    try {
      setup(api());
      expect(await screen.findByText('Tools card')).toBeInTheDocument();
      expect(screen.queryByText('About card')).not.toBeInTheDocument();
      expect(request).toHaveBeenCalledWith(expect.any(Function), {
        timeout: 500,
      });
      act(() => idle.forEach(run => run()));
      expect(await screen.findByText('About card')).toBeInTheDocument();
      expect(screen.getByText('Access card')).toBeInTheDocument();
    } finally {
      Object.assign(window, {
        requestIdleCallback: undefined,
        cancelIdleCallback: undefined,
      });
    }
  });

  it('renders the info cards only after the first content card has loaded', async () => {
    let load = () => {};
    const chunk = new Promise<void>(resolve => {
      load = resolve;
    });
    // as a lazy card: the app's Progress until its chunk has loaded
    function LazyTools() {
      const [done, setDone] = useState(false);
      useEffect(() => {
        chunk.then(() => setDone(true));
      }, []);
      return done ? <p>Tools card</p> : <div data-testid="progress" />;
    }
    setup(api(), 1, false, [
      { type: 'content', element: <LazyTools /> },
      { type: 'info', element: <p>About card</p> },
    ]);
    expect(await screen.findByText('renders: 1')).toBeInTheDocument();
    await new Promise(r => setTimeout(r, 50)); // idle moments pass; the main card is still loading
    expect(screen.queryByText('About card')).not.toBeInTheDocument();
    await act(async () => load());
    expect(await screen.findByText('Tools card')).toBeInTheDocument();
    expect(await screen.findByText('About card')).toBeInTheDocument();
  });

  it('runs the catalog warning checks once per entity, however often the page renders', async () => {
    const relations = [
      { type: 'ownedBy', targetRef: 'group:default/team-support' },
      { type: 'partOf', targetRef: 'system:default/gone' },
    ];
    const { byRefs, ancestry } = setup(api(relations), 6);
    expect(await screen.findByText('renders: 6')).toBeInTheDocument();
    // the relation to a missing system is reported, as by the default layout
    expect(
      await screen.findByText(/can't be found in the catalog/),
    ).toBeInTheDocument();
    expect(screen.getByText(/system:default\/gone/)).toBeInTheDocument();
    await waitFor(() => expect(ancestry).toHaveBeenCalled());
    // once for the check, once more by the catalog's warning component itself when it is shown
    expect(byRefs).toHaveBeenCalledTimes(2);
    expect(ancestry).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Tools card')).toBeInTheDocument();
  });

  it('shows no warning when every related entity exists; a new copy of the same entity is not checked again', async () => {
    const relations = [
      { type: 'ownedBy', targetRef: 'group:default/team-support' },
    ];
    const { byRefs, ancestry } = setup(api(relations), 4, true);
    expect(await screen.findByText('renders: 4')).toBeInTheDocument();
    await waitFor(() => expect(ancestry).toHaveBeenCalled());
    expect(byRefs).toHaveBeenCalledTimes(1);
    expect(ancestry).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/can't be found/)).not.toBeInTheDocument();
  });
});
