import type { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { FixtureAiGatewayApi } from '../testing/FixtureAiGatewayApi';
import { rotateKeys } from './secretWrites';

const REF = 'component:default/support-bot';

const apiWith = (objects: KubeObject[]) =>
  new FixtureAiGatewayApi({ entities: { [REF]: { objects } } });

describe('rotateKeys', () => {
  it('rotates only the keys sent of an existing Secret; the others keep their values', async () => {
    const api = apiWith([]);
    await api.putSecret(REF, {
      name: 'openai-secret',
      stringData: { Authorization: 'sk-old', other: 'keep-me' },
    });
    const { item } = await rotateKeys(api, REF, {
      name: 'openai-secret',
      type: 'Opaque',
      stringData: { Authorization: 'sk-new' },
    });
    expect(api.entityWrites.secretValues.get('openai-secret')).toEqual({
      Authorization: 'sk-new',
      other: 'keep-me',
    });
    expect(item.object.data).toEqual({ Authorization: '', other: '' });
    expect(api.entityWrites.writes).toEqual([
      'putSecret openai-secret Authorization,other',
      'patchSecret openai-secret Authorization',
    ]);
  });

  it('creates the Secret when the entity has none of that name (the patch answers 404)', async () => {
    const api = apiWith([]);
    await rotateKeys(api, REF, {
      name: 'new-key',
      type: 'Opaque',
      stringData: { Authorization: 'sk-first' },
    });
    expect(api.entityWrites.secretValues.get('new-key')).toEqual({
      Authorization: 'sk-first',
    });
    expect(api.entityWrites.writes).toEqual([
      'patchSecret new-key Authorization',
      'putSecret new-key Authorization',
    ]);
  });

  it('passes other errors on', async () => {
    const api = apiWith([]);
    api.patchSecret = async () => {
      throw Object.assign(new Error('denied'), { statusCode: 403 });
    };
    await expect(
      rotateKeys(api, REF, { name: 'x', stringData: { a: 'b' } }),
    ).rejects.toThrow('denied');
    expect(api.entityWrites.writes).toEqual([]);
  });
});
