import { jsonHeaders, startTestCluster } from './__testUtils__/testServer';
import {
  CRDS_PATH,
  exampleCrd,
  useEmptyCluster,
} from './__testUtils__/exampleCrd';

const HINT =
  '(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)';
const PAIRS = 'self.all(x, self.all(y, x.size() >= 0))';

const thingsCrd = (names: Record<string, unknown>) =>
  exampleCrd({
    kind: 'Thing',
    plural: 'things',
    specProperties: {
      names: {
        type: 'array',
        items: { type: 'string', maxLength: 10 },
        'x-kubernetes-validations': [{ rule: PAIRS }],
        ...names,
      },
    },
  });

/**
 * CEL cost limits (kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#resource-use-by-validation-functions):
 * a CRD whose rules' estimated cost exceeds the per-rule or per-schema limit is refused when it is written; a rule
 * whose actual cost passes the per-call limit is cancelled when an object is validated.
 */
describe('CEL cost limits', () => {
  const { post } = useEmptyCluster();

  it('refuses a CRD whose rule costs too much without maxItems, naming the rule and the schema total', async () => {
    const res = await post(CRDS_PATH, thingsCrd({}));
    const rule =
      'spec.validation.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0].rule';
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('Invalid');
    expect(res.body.details.causes).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: rule,
        message: `Forbidden: estimated rule cost exceeds budget by factor of more than 100x ${HINT}`,
      },
      {
        reason: 'FieldValueForbidden',
        field: rule,
        message:
          'Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema',
      },
      {
        reason: 'FieldValueForbidden',
        field: 'spec.validation.openAPIV3Schema',
        message: `Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
      },
    ]);
    expect(res.body.message).toContain(
      `CustomResourceDefinition.apiextensions.k8s.io "things.example.com" is invalid: [${rule}: Forbidden: estimated rule cost exceeds budget by factor of more than 100x`,
    );
  });

  it('accepts it with maxItems, then cancels the rule on an object whose actual cost passes the per-call limit', async () => {
    const created = await post(CRDS_PATH, thingsCrd({ maxItems: 1000 }));
    expect(created.status).toBe(201);
    const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
    const thing = (name: string, n: number) => ({
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name },
      spec: { names: names(n) },
    });
    const path = '/apis/example.com/v1/namespaces/default/things';
    let small = await post(path, thing('small', 10));
    for (let i = 0; i < 50 && small.status === 404; i++) {
      await new Promise(r => setTimeout(r, 20)); // the kind is served once Established
      small = await post(path, thing('small', 10));
    }
    expect(small.status).toBe(201);
    const big = await post(path, thing('big', 1000));
    expect(big.status).toBe(422);
    expect(big.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names',
        message: `Invalid value: "array": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: ${PAIRS}`,
      },
    ]);
  });

  it('does not estimate again the rules of an update that leaves the schemas alone', async () => {
    // a CRD stored before (seeded here: seeds are not estimated) whose rule is over the limit
    const old = await startTestCluster({ crds: [thingsCrd({}) as any] });
    try {
      const crdPath =
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.example.com';
      const patch = (body: unknown) =>
        old.json(crdPath, {
          method: 'PATCH',
          headers: jsonHeaders('application/merge-patch+json'),
          body: JSON.stringify(body),
        });
      expect(
        (await patch({ metadata: { labels: { team: 'a' } } })).status,
      ).toBe(200);
      const changed = await patch({
        spec: {
          versions: [
            // 5000² pairs × 6 ≈ 150,000,000
            thingsCrd({ maxItems: 5000 }).spec.versions[0],
          ],
        },
      });
      expect(changed.status).toBe(422);
      expect(changed.body.details.causes[0].message).toMatch(
        /^Forbidden: estimated rule cost exceeds budget by factor of 15\.0x /,
      );
    } finally {
      await old.server.close();
    }
  });
});
