import { StatusError } from '../errors/StatusError';
import { matchesFields, parseFieldSelector } from './fieldSelector';

const obj = { metadata: { name: 'a', namespace: 'ns1' } };

describe('field selectors', () => {
  it('supports metadata.name and metadata.namespace with =, == and !=', () => {
    expect(matchesFields(parseFieldSelector('metadata.name=a'), obj)).toBe(
      true,
    );
    expect(matchesFields(parseFieldSelector('metadata.name==b'), obj)).toBe(
      false,
    );
    expect(
      matchesFields(
        parseFieldSelector('metadata.namespace!=ns2,metadata.name=a'),
        obj,
      ),
    ).toBe(true);
    expect(
      matchesFields(parseFieldSelector('metadata.namespace!=ns1'), obj),
    ).toBe(false);
  });

  it('rejects other fields with 400 like the server does for custom resources', () => {
    expect(() => parseFieldSelector('spec.x=1')).toThrow(StatusError);
    expect(() => parseFieldSelector('spec.x=1')).toThrow(
      'field label not supported: spec.x',
    );
  });
});
