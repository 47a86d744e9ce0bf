import { stripSecret } from './secrets';

describe('stripSecret', () => {
  it('keeps key names and drops every value, including annotation copies and managedFields', () => {
    const stripped = stripSecret({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: 'openai',
        namespace: 'team',
        labels: { app: 'x' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"data":{"Authorization":"c2stc2VjcmV0"}}',
          note: 'keep me',
        },
        managedFields: [{ manager: 'kubectl', fieldsV1: {} }],
      },
      data: { Authorization: 'c2stc2VjcmV0' },
      stringData: { extra: 'sk-plain' },
    });
    expect(stripped).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: 'openai',
        namespace: 'team',
        labels: { app: 'x' },
        annotations: { note: 'keep me' },
      },
      data: { Authorization: '', extra: '' },
    });
    expect(JSON.stringify(stripped)).not.toMatch(/c2stc2VjcmV0|sk-plain/);
  });
});
