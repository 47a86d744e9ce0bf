import { useEffect, useRef, useState } from 'react';
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

/**
 * Whether the page has had an idle moment since it was shown (at most `timeoutMs` later): the info cards wait for it,
 * so that their chunks (the About card's compiles a JSON schema with ajv when it loads) and requests come after the
 * main column's cards instead of competing with them for the main thread.
 */
function useIdle(timeoutMs: number): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const { requestIdleCallback: request, cancelIdleCallback: cancel } = window;
    if (typeof request !== 'function' || typeof cancel !== 'function') {
      const t = window.setTimeout(() => setIdle(true), 0);
      return () => window.clearTimeout(t);
    }
    const id = request.call(window, () => setIdle(true), {
      timeout: timeoutMs,
    });
    return () => cancel.call(window, id);
  }, [timeoutMs]);
  return idle;
}

/**
 * Overview layout of the AI gateway's API entities: the content cards (the details card with the Tools table, models
 * or agent card first, then Connect) in the main column, the info cards (About, Access, Links) beside it once the
 * page has been idle (≤ 500 ms), and the catalog's warnings above them when they apply — the default layout's parts
 * without its repeated checks.
 */
export function AiApiOverviewLayout({ cards }: EntityContentLayoutProps) {
  const classes = useStyles();
  const { entity } = useEntity();
  const relationWarnings = useCheck(hasRelationWarnings, entity);
  const processingErrors = useCheck(hasCatalogProcessingErrors, entity);
  const infoShown = useIdle(500);
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
        <div className={classes.column}>
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
