import Ajv from 'ajv';
import { writeOperations } from './endpoints';
import { seededRandom } from './mutate';
import { schemaBody } from './schemaValues';
import { SECRET_VALUE, secretLeak } from './leaks';

describe('bodies from the request schemas', () => {
  // every write operation with a body, checked against its own schema by a real validator
  const ops = writeOperations().filter(o => o.schema);
  const ajv = new Ajv({ strict: false });

  it.each(ops.map(o => [o.operationId, o] as const))(
    '%s: valid and boundary bodies pass the schema, invalid ones fail it',
    (_id, op) => {
      expect(op.schema!.additionalProperties).toBe(false);
      const validate = ajv.compile(op.schema!);
      const random = seededRandom(5);
      for (let i = 0; i < 40; i++) {
        for (const mode of ['valid', 'boundary'] as const) {
          const body = schemaBody(op.schema!, mode, random);
          expect({
            mode,
            body,
            ok: validate(body),
            errors: validate.errors,
          }).toEqual({ mode, body, ok: true, errors: null });
        }
        const bad = schemaBody(op.schema!, 'invalid', random);
        // every request body schema is closed (additionalProperties: false), so an invalid body always breaks it
        expect({ bad, ok: validate(bad) }).toEqual({ bad, ok: false });
      }
    },
  );

  it('hints put real values into the named fields', () => {
    const op = ops.find(o => o.operationId === 'createAccessRequest')!;
    const body = schemaBody(op.schema!, 'valid', seededRandom(1), {
      apiRef: ['api:default/a'],
      consumerRef: ['component:default/c'],
    }) as Record<string, unknown>;
    expect(body.apiRef).toBe('api:default/a');
    expect(body.consumerRef).toBe('component:default/c');
  });
});

describe('secretLeak', () => {
  const key = `agw_${'A'.repeat(43)}`;
  it('finds a written Secret value or a key in any answer', () => {
    expect(secretLeak('putEntitySecret', 400, `bad: ${SECRET_VALUE}`)).toBe(
      'a Secret value written by the run',
    );
    expect(
      secretLeak('revokeAccessGrant', 200, JSON.stringify({ k: key })),
    ).toBe('an access key');
    expect(secretLeak('getX', 404, '{"error":"not found"}')).toBeUndefined();
  });
  it('lets the claim / rotate answer carry its key, in `key` only', () => {
    expect(
      secretLeak(
        'claimAccessKey',
        200,
        JSON.stringify({ key, keyPrefix: key.slice(0, 8) }),
      ),
    ).toBeUndefined();
    expect(
      secretLeak(
        'rotateAccessKey',
        200,
        JSON.stringify({ key, previous: key }),
      ),
    ).toBe('an access key');
    expect(
      secretLeak('claimAccessKey', 409, JSON.stringify({ error: key })),
    ).toBe('an access key');
  });
});
