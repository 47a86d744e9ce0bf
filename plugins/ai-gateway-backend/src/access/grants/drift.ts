import {
  GrantDrift,
  GrantObjectRef,
  KubeObject,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../../cache/ResourceCaches';
import { grantObjectName } from './names';
import { grantPolicy, secretLabels, sharedPolicy } from './objects';
import { GrantSpec, GrantTarget } from './types';

const isMap = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** The JSON paths (`spec.a.b[0]`) where `actual` differs from `expected` (added, removed or changed values). */
export function differingPaths(
  expected: unknown,
  actual: unknown,
  path: string,
): string[] {
  if (isMap(expected) && isMap(actual)) {
    const keys = [
      ...new Set([...Object.keys(expected), ...Object.keys(actual)]),
    ];
    return keys.flatMap(k =>
      differingPaths(expected[k], actual[k], path ? `${path}.${k}` : k),
    );
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    return Array.from({ length: n }, (_, i) => i).flatMap(i =>
      differingPaths(expected[i], actual[i], `${path}[${i}]`),
    );
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [path];
}

/** Paths of the expected labels the live object lacks or carries with another value (extra labels are fine). */
function labelPaths(expected: KubeObject, live: KubeObject): string[] {
  return Object.entries(expected.metadata.labels ?? {})
    .filter(([k, v]) => live.metadata.labels?.[k] !== v)
    .map(([k]) => `metadata.labels.${k}`);
}

/** The key entries that differ: missing from the live Secret, or there without being one of `keyIds`. */
export function entryDrift(keyIds: string[], live: KubeObject): string[] {
  const present = Object.keys(live.data ?? {});
  return [
    ...keyIds.filter(k => !present.includes(k)),
    ...present.filter(k => !keyIds.includes(k)),
  ];
}

export interface ExpectedObjects {
  policy?: KubeObject;
  shared?: KubeObject;
  /** the Secret's labels and the key entries it must hold (when a key was issued) */
  secret?: { name: string; labels: Record<string, string>; keyIds: string[] };
}

/** What the grant should have in the cluster. */
export function expectedObjects(
  grant: GrantSpec,
  target: GrantTarget,
): ExpectedObjects {
  const policy = grantPolicy(grant.grantId, grant.scope, target);
  const shared = sharedPolicy(target);
  return {
    ...(policy ? { policy } : {}),
    ...(shared ? { shared } : {}),
    ...(grant.keyIds?.length
      ? {
          secret: {
            name: grantObjectName(grant.grantId),
            labels: secretLabels(grant.grantId, target),
            keyIds: grant.keyIds,
          },
        }
      : {}),
  };
}

type Difference = GrantDrift['differences'][number];

/** The differences between the expected objects and the live ones in the caches (Secret values are not cached). */
export function differences(
  reader: ResourceReader,
  target: GrantTarget,
  expected: ExpectedObjects,
): Difference[] {
  const { cluster, namespace } = target;
  const out: Difference[] = [];
  const ref = (kind: string, name: string): GrantObjectRef => ({
    cluster,
    kind,
    namespace,
    name,
  });
  for (const want of [expected.policy, expected.shared]) {
    if (!want) continue;
    const object = ref(want.kind, want.metadata.name);
    const live = reader.get(cluster, want.kind, namespace, want.metadata.name);
    if (!live) {
      out.push({ object, change: 'missing' });
      continue;
    }
    const paths = [
      ...differingPaths(want.spec, live.spec, 'spec'),
      ...labelPaths(want, live),
    ];
    if (paths.length) out.push({ object, change: 'changed', paths });
  }
  if (expected.secret) {
    const { name, labels, keyIds } = expected.secret;
    const object = ref('Secret', name);
    const live = reader.get(cluster, 'Secret', namespace, name);
    if (!live) out.push({ object, change: 'missing' });
    else {
      const paths = [
        ...labelPaths(
          { apiVersion: 'v1', kind: 'Secret', metadata: { name, labels } },
          live,
        ),
        // entries missing, and entries no key of the grant stands for (e.g. added by hand)
        ...entryDrift(keyIds, live).map(k => `data.${k}`),
        ...((live.type ?? 'Opaque') !== 'Opaque' ? ['type'] : []),
      ];
      if (paths.length) out.push({ object, change: 'changed', paths });
    }
  }
  return out;
}
