import { unknownFields } from './unknownFields';

describe('unknownFields', () => {
  it('lists pruned fields with Kubernetes paths, ignoring metadata and status', () => {
    const input = { apiVersion: 'v', kind: 'K', metadata: { x: 1 }, status: { y: 1 }, spec: { a: 1, typo: 2, list: [{ b: 1, c: 2 }], nested: { gone: {} } }, top: 1 };
    const output = { apiVersion: 'v', kind: 'K', spec: { a: 1, list: [{ b: 1 }], nested: {}, defaulted: true } };
    expect(unknownFields(input, output)).toEqual(['spec.typo', 'spec.list[0].c', 'spec.nested.gone', 'top']);
    expect(unknownFields(output, output)).toEqual([]);
  });
});
