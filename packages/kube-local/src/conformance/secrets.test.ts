/**
 * Secret validation of kube-apiserver (ValidateSecret / ValidateSecretUpdate): `type` is immutable, and the
 * well-known types require their keys (https://kubernetes.io/docs/concepts/configuration/secret/#secret-types).
 */
import {
  TestCluster,
  jsonHeaders,
  startTestCluster,
} from './__testUtils__/testServer';

const SECRETS = '/api/v1/namespaces/default/secrets';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('Secret validation', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster();
  });
  afterAll(() => t.server.close());

  const post = (body: unknown) =>
    t.json(SECRETS, {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify(body),
    });

  it('requires tls.crt and tls.key in kubernetes.io/tls Secrets', async () => {
    const res = await post({
      metadata: { name: 'tls' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': b64('cert') },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'Secret "tls" is invalid: data[tls.key]: Required value',
    );
    expect(res.body.details.causes).toEqual([
      {
        field: 'data[tls.key]',
        reason: 'FieldValueRequired',
        message: 'Required value',
      },
    ]);
    const none = await post({
      metadata: { name: 'tls' },
      type: 'kubernetes.io/tls',
    });
    expect(none.body.message).toBe(
      'Secret "tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
    const ok = await post({
      metadata: { name: 'tls' },
      type: 'kubernetes.io/tls',
      stringData: { 'tls.crt': 'c', 'tls.key': 'k' },
    });
    expect(ok.status).toBe(201);
  });

  it('refuses a change of type (422 field is immutable), through PUT and patch', async () => {
    await post({ metadata: { name: 'opaque' }, data: { a: b64('1') } });
    const patched = await t.json(`${SECRETS}/opaque`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ type: 'kubernetes.io/basic-auth' }),
    });
    expect(patched.status).toBe(422);
    expect(patched.body.message).toBe(
      'Secret "opaque" is invalid: [type: Invalid value: "kubernetes.io/basic-auth": field is immutable, data[username]: Required value, data[password]: Required value]',
    );
    expect(patched.body.details.causes[0]).toEqual({
      field: 'type',
      reason: 'FieldValueInvalid',
      message: 'Invalid value: "kubernetes.io/basic-auth": field is immutable',
    });
    const tls = (await t.json(`${SECRETS}/tls`)).body;
    const put = await t.json(`${SECRETS}/tls`, {
      method: 'PUT',
      headers: jsonHeaders(),
      body: JSON.stringify({ ...tls, type: 'Opaque' }),
    });
    expect(put.body.message).toBe(
      'Secret "tls" is invalid: type: Invalid value: "Opaque": field is immutable',
    );
  });

  it('checks data keys and the other well-known types', async () => {
    const key = await post({
      metadata: { name: 'k' },
      data: { 'bad key': b64('x') },
    });
    expect(key.body.details.causes[0]).toMatchObject({
      field: 'data[bad key]',
      reason: 'FieldValueInvalid',
    });
    const json = await post({
      metadata: { name: 'd' },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': b64('{not json') },
    });
    expect(json.body.details.causes[0].field).toBe('data[.dockerconfigjson]');
    const sat = await post({
      metadata: { name: 'sat' },
      type: 'kubernetes.io/service-account-token',
    });
    expect(sat.body.details.causes[0].field).toBe(
      'metadata.annotations[kubernetes.io/service-account.name]',
    );
  });

  it('keeps immutable Secrets immutable', async () => {
    await post({
      metadata: { name: 'frozen' },
      immutable: true,
      data: { a: b64('1') },
    });
    const res = await t.json(`${SECRETS}/frozen`, {
      method: 'PATCH',
      headers: jsonHeaders('application/merge-patch+json'),
      body: JSON.stringify({ data: { a: b64('2') } }),
    });
    expect(res.body.message).toBe(
      'Secret "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
  });
});
