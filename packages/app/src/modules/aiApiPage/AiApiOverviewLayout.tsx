import { useEffect, useRef, useState, type RefObject } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { useApiHolder, type ApiHolder } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EntityContentLayoutProps } from '@backstage/plugin-catalog-react/alpha';
import {
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  EntityRelationWarning,
  hasCatalogProcessingErrors,
  hasRelationWarnings,
  isOrphan,
} from '@backstage/plugin-catalog';

const useStyles = makeStyles(theme => ({
  warnings: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(3),
    '&:empty': { display: 'none' },
  },
  root: {
    display: 'grid',
    gap: theme.spacing(3),
    gridTemplateColumns: '1fr',
    alignItems: 'start',
    [theme.breakpoints.up('md')]: { gridTemplateColumns: '2fr 1fr' },
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
    minWidth: 0,
  },
}));

type Entity = ReturnType<typeof useEntity>['entity'];
type Check = (entity: Entity, context: { apis: ApiHolder }) => Promise<boolean>;

/**
 * The catalog's asynchronous warning checks (relations to missing entities, processing errors of the entity or its
 * ancestors), run once per entity. The default layout runs them through `EntitySwitch`, which starts them again on
 * every render of the page: 5–8 rounds of `by-refs` and `ancestry` requests while the overview's cards load.
 */
function useCheck(check: Check, entity: Entity): boolean {
  const apis = useApiHolder();
  const [found, setFound] = useState<{ uid?: string; value: boolean }>();
  const latest = useRef(entity);
  latest.current = entity;
  const uid = entity.metadata.uid ?? entity.metadata.name;
  useEffect(() => {
    let live = true;
    check(latest.current, { apis }).then(
      value => live && setFound({ uid, value }),
      () => live && setFound({ uid, value: false }), // as EntitySwitch: a failing check shows nothing
    );
    return () => {
      live = false;
    };
  }, [check, apis, uid]);
  return found?.uid === uid && found.value;
}

/** A card still loading shows the app's Progress (`data-testid="progress"`) until its chunk has loaded. */
const loaded = (card: Element | null) =>
  !!card &&
  card.childElementCount > 0 &&
  !card.querySelector('[data-testid="progress"]');

/**
 * Whether the info cards may render: once the main column's first card has rendered (its lazy chunk loaded), at the
 * next idle moment (`requestIdleCallback`, ≤ 500 ms; a timeout where it is missing) — or `maxWaitMs` after the
 * layout was shown, whichever comes first. Their chunks (the About card's compiles a JSON schema with ajv when it
 * loads), renders and requests then come after the Tools table instead of competing with it for the main thread.
 */
function useAfterMainCard(
  column: RefObject<HTMLElement>,
  maxWaitMs: number,
): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const { requestIdleCallback: request, cancelIdleCallback: cancel } = window;
    const idle = typeof request === 'function' && typeof cancel === 'function';
    let idleId: number | undefined;
    let observer: MutationObserver | undefined;
    const show = () => setShown(true);
    const stopWatching = () => observer?.disconnect();
    const whenIdle = () => {
      stopWatching();
      if (idleId !== undefined) return;
      idleId = idle
        ? request.call(window, show, { timeout: 500 })
        : window.setTimeout(show, 0);
    };
    const latest = window.setTimeout(show, maxWaitMs);
    const first = () => column.current?.firstElementChild ?? null;
    if (loaded(first())) whenIdle();
    else if (column.current && typeof MutationObserver === 'function') {
      observer = new MutationObserver(() => loaded(first()) && whenIdle());
      observer.observe(column.current, { childList: true, subtree: true });
    } else whenIdle();
    return () => {
      stopWatching();
      window.clearTimeout(latest);
      if (idleId === undefined) return;
      if (idle) cancel.call(window, idleId);
      else window.clearTimeout(idleId);
    };
  }, [column, maxWaitMs]);
  return shown;
}

/**
 * Overview layout of the AI gateway's API entities: the content cards (the details card with the Tools table, models
 * or agent card first, then Connect) in the main column, the info cards (About, Access, Links) beside it once the
 * first of those has rendered and the page has been idle (at the latest 1.5 s after it was shown), and the catalog's
 * warnings above them when they apply — the default layout's parts without its repeated checks.
 */
export function AiApiOverviewLayout({ cards }: EntityContentLayoutProps) {
  const classes = useStyles();
  const { entity } = useEntity();
  const relationWarnings = useCheck(hasRelationWarnings, entity);
  const processingErrors = useCheck(hasCatalogProcessingErrors, entity);
  const main = useRef<HTMLDivElement>(null);
  const infoShown = useAfterMainCard(main, 1500);
  const info = cards.filter(card => card.type === 'info');
  const content = cards.filter(card => card.type !== 'info');
  return (
    <>
      <div className={classes.warnings}>
        {isOrphan(entity) && <EntityOrphanWarning />}
        {relationWarnings && <EntityRelationWarning />}
        {processingErrors && <EntityProcessingErrorsPanel />}
      </div>
      <div className={classes.root}>
        <div className={classes.column} ref={main}>
          {content.map((card, i) => (
            <div key={card.element.key ?? i}>{card.element}</div>
          ))}
        </div>
        {info.length > 0 && (
          <div className={classes.column}>
            {infoShown &&
              info.map((card, i) => (
                <div key={card.element.key ?? i}>{card.element}</div>
              ))}
          </div>
        )}
      </div>
    </>
  );
}
