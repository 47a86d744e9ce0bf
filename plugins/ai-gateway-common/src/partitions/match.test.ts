import { hostCovered, isHostname, isPathPrefix, pathCovered } from './match';

describe('partition matching rules (Gateway API semantics)', () => {
  it.each([
    // [route's match type, value, assigned prefix, covered]
    ['PathPrefix', '/search', '/search', true],
    ['PathPrefix', '/search/x', '/search', true],
    ['PathPrefix', '/search/', '/search', true], // trailing slash ignored
    ['PathPrefix', '/search', '/search/', true],
    ['PathPrefix', '/searchx', '/search', false], // path-element-wise
    ['PathPrefix', '/', '/search', false],
    ['PathPrefix', '/sea', '/search', false],
    ['PathPrefix', '/Search/x', '/search', false], // case-sensitive
    ['Exact', '/search', '/search', true],
    ['Exact', '/search/agent', '/search', true],
    ['Exact', '/search/', '/search', true],
    ['Exact', '/searchagent', '/search', false],
    ['Exact', '/payments/agent', '/search', false],
    ['PathPrefix', '/search/../payments', '/search', false], // dot segments never inside
    ['PathPrefix', '/search//x', '/search', false],
    ['PathPrefix', '/anything', '/', true], // `/` covers every path
    ['RegularExpression', '/search/.*', '/search', false], // never proved
  ])('%s %s under %s: %s', (type, value, prefix, covered) => {
    expect(pathCovered(type, value, prefix)).toBe(covered);
  });

  it.each([
    // [route hostname, assigned pattern, covered]
    ['search.example.com', 'search.example.com', true],
    ['Search.Example.com', 'search.example.com', true],
    ['a.search.example.com', '*.search.example.com', true],
    ['a.b.search.example.com', '*.search.example.com', true], // one or more labels
    ['search.example.com', '*.search.example.com', false], // the wildcard needs a label
    ['*.search.example.com', '*.search.example.com', true],
    ['*.a.search.example.com', '*.search.example.com', true],
    ['*.example.com', '*.search.example.com', false], // wider than the assignment
    ['*.search.example.com', 'a.search.example.com', false],
    ['search.example.com.evil', 'search.example.com', false],
    ['evilsearch.example.com', '*.search.example.com', false],
  ])('host %s within %s: %s', (host, pattern, covered) => {
    expect(hostCovered(host, pattern)).toBe(covered);
  });

  it('validates what an assignment may say', () => {
    expect(isHostname('*.example.com')).toBe(true);
    expect(isHostname('a.example.com')).toBe(true);
    expect(isHostname('*')).toBe(false);
    expect(isHostname('a.*.example.com')).toBe(false);
    expect(isHostname('Example.com')).toBe(false);
    expect(isPathPrefix('/search')).toBe(true);
    expect(isPathPrefix('/')).toBe(true);
    expect(isPathPrefix('search')).toBe(false);
    expect(isPathPrefix('/a/../b')).toBe(false);
  });
});
