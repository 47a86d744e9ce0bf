import { loadBundledCrds } from '../crds';
import { createCrdValidator } from './CrdValidator';

const crds = loadBundledCrds();
const validator = createCrdValidator(crds);
const served = crds.flatMap(crd =>
  crd.spec.versions
    .filter(v => v.served)
    .map(v => ({
      apiVersion: `${crd.spec.group}/${v.name}`,
      kind: crd.spec.names.kind,
      namespaced: crd.spec.scope === 'Namespaced',
    })),
);

describe('every served version of every bundled kind', () => {
  it.each(served.map(s => [`${s.apiVersion} ${s.kind}`, s]))(
    '%s compiles and validates',
    (_n, s: any) => {
      expect(validator.knows(s.apiVersion, s.kind)).toBe(true);
      const r = validator.validate({
        apiVersion: s.apiVersion,
        kind: s.kind,
        metadata: {
          name: 'x',
          ...(s.namespaced ? { namespace: 'default' } : {}),
        },
        spec: {},
      });
      // An empty spec may break required fields or rules, but never as an internal error.
      expect(r.causes.filter(c => c.reason === 'InternalError')).toEqual([]);
      expect(r.object.kind).toBe(s.kind);
    },
  );

  it('rejects a namespace on a cluster-scoped kind', () => {
    const r = validator.validate({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'x', namespace: 'default' },
      spec: { controllerName: 'agentgateway.dev/agentgateway' },
    });
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: 'metadata.namespace',
        message: 'Forbidden: not allowed on this type',
      },
    ]);
  });
});
