/*
 * Every namespaced reference field of every kind this plugin writes, derived from the bundled CRD schemas (the
 * generated table of the common package): a reference into another namespace without a ReferenceGrant (or an
 * admitting Gateway) is refused at that field. A new CRD field is covered without a code change.
 */
import {
  RESOURCE_KINDS,
  referenceFieldsOf,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceCaches } from '../cache/ResourceCaches';
import { InMemoryCollection } from '../cache/testSource';
import { checkReferences } from './references';

/** An object with one reference at `path` (`spec.rules[].backendRefs[]`, `[]` → index 0), and that concrete path. */
function objectWith(path: string, ref: object) {
  const root: Record<string, unknown> = {};
  let node: Record<string, unknown> | unknown[] = root;
  let concrete = '';
  const parts = path.split('.');
  parts.forEach((part, i) => {
    const key = part.replace(/\[\]$/g, '');
    const isList = part.endsWith('[]');
    const last = i === parts.length - 1;
    const value: unknown = last ? ref : {};
    const holder = node as Record<string, unknown>;
    concrete += `${concrete ? '.' : ''}${key}${isList ? '[0]' : ''}`;
    if (isList) {
      holder[key] = [value];
    } else holder[key] = value;
    node = value as Record<string, unknown>;
  });
  return { spec: root.spec, concrete };
}

describe('checkReferences covers every reference field of the CRD schemas', () => {
  let caches: ResourceCaches;
  beforeAll(async () => {
    caches = new ResourceCaches({
      clusters: ['c'],
      sourceFor: () => new InMemoryCollection(),
    });
    caches.start();
    await caches.waitUntilSettled(
      RESOURCE_KINDS.map(k => k.kind),
      2000,
    );
  });
  afterAll(() => caches.stop());

  const cases = RESOURCE_KINDS.filter(k => !k.readOnly).flatMap(kind =>
    referenceFieldsOf(kind.kind)
      .filter(f => f.path.startsWith('spec.'))
      .map(f => [kind.kind, f.path, kind] as const),
  );

  it('finds reference fields in the schemas (the table is not empty)', () => {
    expect(cases.length).toBeGreaterThan(50);
    expect(cases.map(c => c[1])).toEqual(
      expect.arrayContaining([
        'spec.rules[].filters[].requestMirror.backendRef',
        'spec.parentRefs[]',
      ]),
    );
  });

  it.each(cases)(
    '%s %s: another namespace without a grant is refused at the field',
    async (_kind, path, kind) => {
      const { spec, concrete } = objectWith(path, {
        name: 'theirs',
        namespace: 'other-team',
        kind: 'Service',
      });
      const causes = await checkReferences(
        kind,
        {
          apiVersion: `${kind.group}/${kind.version}`,
          kind: kind.kind,
          metadata: { name: 'mine', namespace: 'my-team' },
          spec,
        },
        {
          cluster: 'c',
          reader: caches,
          namespaceLabels: async () => undefined,
        },
      );
      expect(causes.map(c => c.field)).toContain(`${concrete}.namespace`);
    },
  );
});
