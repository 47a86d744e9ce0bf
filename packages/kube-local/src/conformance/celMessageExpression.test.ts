import {
  CRDS_PATH,
  exampleCrd,
  useEmptyCluster,
} from './__testUtils__/exampleCrd';

const HINT =
  '(try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)';
/** O(n²) string: about 6,000,000 estimated at maxItems 1000 / maxLength 10, over PerCallLimit at 1,000 items */
const COSTLY_MESSAGE =
  'self.all(x, self.all(y, x.size() >= 0)) ? "pairs checked" : "no"';

const crd = (names: Record<string, unknown>) =>
  exampleCrd({
    kind: 'Note',
    plural: 'notes',
    specProperties: {
      names: {
        type: 'array',
        items: { type: 'string', maxLength: 10 },
        'x-kubernetes-validations': [
          {
            rule: 'self.size() < 5',
            fieldPath: '.x',
            message: 'at most four names',
            messageExpression: COSTLY_MESSAGE,
          },
          { rule: 'self.all(n, n != "forbidden")' },
        ],
        ...names,
      },
    },
  });

/**
 * messageExpression (kube-apiserver v1.32, apiextensions schema/cel: compilation.go, validation.go): estimated on
 * its own when the CRD is written (the error names `messageExpression`, the cost counts in the schema's total), and
 * at run time charged to the per-call limit and the object's budget; when it cannot produce a message the rule's
 * `message` is used.
 */
describe('CEL messageExpression cost', () => {
  const { post } = useEmptyCluster();

  it('refuses a CRD whose messageExpression is estimated over the per-expression limit', async () => {
    const res = await post(CRDS_PATH, crd({}));
    const base =
      'spec.validation.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0]';
    expect(res.status).toBe(422);
    expect(res.body.reason).toBe('Invalid');
    expect(res.body.details.causes).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: `${base}.messageExpression`,
        message: `Forbidden: estimated messageExpression cost exceeds budget by factor of more than 100x ${HINT}`,
      },
      {
        reason: 'FieldValueForbidden',
        field: `${base}.messageExpression`,
        message:
          'Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema',
      },
      {
        // the second rule, within its own limit, is among the dearest of the total (over 1% of it)
        reason: 'FieldValueForbidden',
        field:
          'spec.validation.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[1].rule',
        message:
          'Forbidden: contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema',
      },
      {
        reason: 'FieldValueForbidden',
        field: 'spec.validation.openAPIV3Schema',
        message: `Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds budget by factor of more than 100x ${HINT}`,
      },
    ]);
  });

  it('with maxItems: evaluates the message, and cancels it at the rule field when it passes the per-call limit', async () => {
    expect((await post(CRDS_PATH, crd({ maxItems: 1000 }))).status).toBe(201);
    const note = (name: string, names: string[]) => ({
      apiVersion: 'example.com/v1',
      kind: 'Note',
      metadata: { name },
      spec: { names },
    });
    const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
    const path = '/apis/example.com/v1/namespaces/default/notes';
    let small = await post(path, note('small', [...names(5), 'forbidden']));
    for (let i = 0; i < 50 && small.status === 404; i++) {
      await new Promise(r => setTimeout(r, 20)); // the kind is served once Established
      small = await post(path, note('small', [...names(5), 'forbidden']));
    }
    expect(small.status).toBe(422);
    expect(small.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names.x',
        message: 'Invalid value: "array": pairs checked',
      },
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names',
        message:
          'Invalid value: "array": failed rule: self.all(n, n != "forbidden")',
      },
    ]);
    const big = await post(path, note('big', [...names(999), 'forbidden']));
    expect(big.status).toBe(422);
    // the second rule does not run
    expect(big.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.names.x',
        message: `Invalid value: "array": no further validation rules will be run due to call cost exceeds limit for messageExpression: ${JSON.stringify(
          COSTLY_MESSAGE,
        )}`,
      },
    ]);
    expect(big.body.message).toBe(
      `Note.example.com "big" is invalid: spec.names.x: Invalid value: "array": no further validation rules will be run due to call cost exceeds limit for messageExpression: ${JSON.stringify(
        COSTLY_MESSAGE,
      )}`,
    );
  });
});
