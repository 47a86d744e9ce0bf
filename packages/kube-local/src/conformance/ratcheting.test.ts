import { jsonHeaders } from './__testUtils__/testServer';
import {
  CRDS_PATH as CRDS,
  exampleCrd,
  useEmptyCluster,
} from './__testUtils__/exampleCrd';

const NOTES = '/apis/example.com/v1/namespaces/default/notes';

/** The Note CRD: loose first, then tightened (a maxLength and a CEL rule that stored objects may break). */
const crd = (tight: boolean, resourceVersion?: string) =>
  exampleCrd({
    kind: 'Note',
    plural: 'notes',
    resourceVersion,
    specProperties: {
      owner: { type: 'string' },
      title: { type: 'string', ...(tight ? { maxLength: 5 } : {}) },
      port: {
        type: 'integer',
        ...(tight
          ? {
              'x-kubernetes-validations': [
                { rule: 'self < 1024', message: 'use a low port' },
              ],
            }
          : {}),
      },
    },
  });

/**
 * Validation ratcheting (kube-apiserver v1.32, CRDValidationRatcheting on by default): after a CRD is tightened,
 * an update that leaves the now-invalid values unchanged is accepted (a CEL failure there is a Warning header);
 * changing such a value to another invalid one is refused with the real cause.
 */
describe('validation ratcheting on update', () => {
  const { cluster, send } = useEmptyCluster();
  const note = (spec: Record<string, unknown>, resourceVersion?: string) => ({
    apiVersion: 'example.com/v1',
    kind: 'Note',
    metadata: { name: 'n', resourceVersion },
    spec,
  });

  it('accepts an unchanged invalid value after the CRD tightened, and refuses a changed one', async () => {
    expect((await send('POST', CRDS, crd(false))).status).toBe(201);
    const spec = { owner: 'a', title: 'a long title', port: 8080 };
    let created = await send('POST', NOTES, note(spec));
    for (let i = 0; i < 50 && created.status === 404; i++) {
      await new Promise(r => setTimeout(r, 20)); // the kind is served once Established
      created = await send('POST', NOTES, note(spec));
    }
    expect(created.status).toBe(201);

    const stored = await send('GET', `${CRDS}/notes.example.com`, undefined);
    const tightened = await send(
      'PUT',
      `${CRDS}/notes.example.com`,
      crd(true, stored.body.metadata.resourceVersion),
    );
    expect(tightened.status).toBe(200);
    // a new object with the same values is refused now
    const fresh = await send('POST', NOTES, {
      ...note(spec),
      metadata: { name: 'fresh' },
    });
    expect(fresh.status).toBe(422);

    const rv = created.body.metadata.resourceVersion;
    const kept = await cluster().raw(`${NOTES}/n`, {
      method: 'PUT',
      headers: jsonHeaders(),
      body: JSON.stringify(note({ ...spec, owner: 'b' }, rv)),
    });
    expect(kept.status).toBe(200);
    expect(kept.headers.get('warning')).toBe(
      '299 - "spec.port: Invalid value: \\"integer\\": use a low port"',
    );
    const updated = await kept.json();
    expect(updated.spec.owner).toBe('b');

    const changed = await send(
      'PUT',
      `${NOTES}/n`,
      note(
        { ...spec, owner: 'b', title: 'another long title' },
        updated.metadata.resourceVersion,
      ),
    );
    expect(changed.status).toBe(422);
    expect(changed.body.details.causes).toEqual([
      {
        reason: 'FieldValueTooLong',
        field: 'spec.title',
        message: 'Too long: may not be more than 5 bytes',
      },
    ]);
  });
});
