import { badRequest, expired } from '../errors/StatusError';
import { matchesFields, parseFieldSelector } from '../selectors/fieldSelector';
import type { LabelRequirement } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject, ResourceType, typeKey } from '../types';

export interface ListQuery {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: string | null;
  continue?: string | null;
}

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  rv: number;
  start: string;
}

const keyOf = (o: KubeObject) =>
  `${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

function decodeContinue(token: string, store: ObjectStore): ContinueToken {
  let parsed: ContinueToken;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(
      'continue key is not valid: the continue token could not be decoded',
    );
  }
  if (typeof parsed?.rv !== 'number' || typeof parsed.start !== 'string')
    throw badRequest('continue key is not valid');
  if (parsed.rv < store.oldestResumableRv) {
    throw expired(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    );
  }
  return parsed;
}

/** The project's one label-selector parser (in -common), loaded on first use: most requests have no selector. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const selectors =
  (): typeof import('@ai-gateway-backstage/plugin-ai-gateway-common') =>
    require('@ai-gateway-backstage/plugin-ai-gateway-common');

function parseLabels(selector: string | null | undefined): LabelRequirement[] {
  if (!selector) return [];
  try {
    return selectors().parseLabelSelector(selector);
  } catch (e) {
    if (e instanceof Error && e.name === 'LabelSelectorSyntaxError')
      throw badRequest(e.message);
    throw e;
  }
}

/** A predicate for label + field selectors (400 BadRequest on syntax errors). */
export function selectorPredicate(
  q: Pick<ListQuery, 'labelSelector' | 'fieldSelector'>,
): (o: KubeObject) => boolean {
  const labels = parseLabels(q.labelSelector);
  const fields = parseFieldSelector(q.fieldSelector);
  if (labels.length === 0) return o => matchesFields(fields, o);
  const { matchesLabels } = selectors();
  return o =>
    matchesLabels(o.metadata?.labels, labels) && matchesFields(fields, o);
}

/**
 * List with selectors and `limit`/`continue` pagination. Pages are cut in (namespace, name) order; a continue token
 * resumes after the last key it returned (objects created meanwhile before that key are not shown).
 */
export function listObjects(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  q: ListQuery,
  /** the stored objects themselves, not copies (read-only: e.g. spliced as JSON into the answer) */
  shared = false,
): ListPage {
  const copy = (objects: KubeObject[]) =>
    shared ? objects : store.copyAll(objects);
  const match = selectorPredicate(q);
  const limit = q.limit ? Number(q.limit) : 0;
  if (!Number.isInteger(limit) || limit < 0)
    throw badRequest(`invalid limit: ${q.limit}`);
  const token = q.continue ? decodeContinue(q.continue, store) : undefined;
  // Scan the stored objects (kept in key order, a continue token resumes by binary search) and copy only the page,
  // parsed from each object's JSON kept by the store: copying every object per page made a paginated LIST of N
  // objects cost O(N²) (20,000 objects: ~3 s per 500-object page).
  const items = store
    .listShared(typeKey(type.group, type.plural), namespace, token?.start)
    .filter(match);
  const rv = token?.rv ?? store.resourceVersion;
  if (limit > 0 && items.length > limit) {
    const page = copy(items.slice(0, limit));
    const next: ContinueToken = { rv, start: keyOf(page[page.length - 1]) };
    return {
      items: page,
      resourceVersion: String(rv),
      continue: Buffer.from(JSON.stringify(next)).toString('base64url'),
      remainingItemCount: items.length - limit,
    };
  }
  return { items: copy(items), resourceVersion: String(rv) };
}
