import { compileCel } from './compile';

function run(expr: string, self: unknown = null): unknown {
  const c = compileCel(expr);
  if (!c.ok) throw new Error(c.error);
  const r = c.program({ self });
  return r instanceof Error ? `error: ${r.message}` : r;
}

describe('Kubernetes CEL libraries', () => {
  it('url / isURL', () => {
    expect(run("isURL('https://api.example.com:8443/v1?a=b')")).toBe(true);
    expect(run("isURL('not a url')")).toBe(false);
    expect(run("isURL('/relative/path')")).toBe(true);
    expect(run("url('https://api.example.com:8443/v1?a=b').getScheme()")).toBe(
      'https',
    );
    expect(
      run("url('https://api.example.com:8443/v1?a=b').getHostname()"),
    ).toBe('api.example.com');
    expect(run("url('https://api.example.com:8443/v1?a=b').getHost()")).toBe(
      'api.example.com:8443',
    );
    expect(run("url('https://api.example.com:8443/v1?a=b').getPort()")).toBe(
      '8443',
    );
    expect(run("url('https://[::1]:80/').getHostname()")).toBe('::1');
    expect(
      run("url('https://x/v1?a=b&a=c').getQuery()['a'] == ['b', 'c']"),
    ).toBe(true);
    expect(run("url('/p').getHostname() == ''")).toBe(true);
    expect(String(run("url('nope')"))).toMatch(/^error: .*URL parse error/);
  });

  it('url / isURL parse like Go net/url, as kube-apiserver does (not like a browser)', () => {
    // no host: a browser would read these as https://host/ and https://localhost/
    expect(
      run("isURL('https:host') && url('https:host').getHostname() == ''"),
    ).toBe(true);
    expect(
      run(
        "url('https:/host').getHost() == '' && url('https:/host').getEscapedPath() == '/host'",
      ),
    ).toBe(true);
    expect(run("url('https:localhost').getHostname()")).toBe('');
    expect(run("isURL('https://%41.example.com/')")).toBe(false);
    expect(run("isURL('https://api.example.com#fragment')")).toBe(false);
    expect(String(run("url('https://%41.example.com/')"))).toBe(
      'error: URL parse error during conversion from string: parse "https://%41.example.com/": invalid URL escape "%41"',
    );
    // accepted by Go, refused by a browser
    expect(run("url('https://api.example.com:99999/').getPort()")).toBe(
      '99999',
    );
    expect(run("url('https://api.example.com/a b').getEscapedPath()")).toBe(
      '/a%20b',
    );
    // url() parses with Parse: the fragment is not part of the path
    expect(run("url('https://h/v1#frag').getEscapedPath()")).toBe('/v1');
  });

  it('quantity / isQuantity', () => {
    expect(run("quantity('1Mi').isGreaterThan(quantity('1M'))")).toBe(true);
    expect(run("quantity('500m').isLessThan(quantity('1'))")).toBe(true);
    expect(run("quantity('1k').compareTo(quantity('1000'))")).toBe(0n);
    expect(
      run("quantity(string(self)).isLessThan(quantity('16384'))", 1024n),
    ).toBe(true);
    expect(run("isQuantity('1.5Gi') && !isQuantity('1.5Gb')")).toBe(true);
    expect(
      run("quantity('2').add(quantity('500m')).asApproximateFloat()"),
    ).toBe(2.5);
    expect(run("quantity('3k').asInteger()")).toBe(3000n);
    expect(String(run("quantity('abc')"))).toMatch(
      /^error: quantities must match/,
    );
  });

  it('ip / cidr', () => {
    expect(
      run(
        "isIP('10.0.0.1') && isIP('fe80::1') && !isIP('10.0.0.256') && !isIP('example.com')",
      ),
    ).toBe(true);
    expect(run("ip('10.0.0.1').family()")).toBe(4n);
    expect(
      run(
        "ip('::1').family() == 6 && ip('::1').isLoopback() && ip('127.0.0.1').isLoopback()",
      ),
    ).toBe(true);
    expect(
      run(
        "isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0')",
      ),
    ).toBe(true);
    expect(
      run(
        "cidr('10.0.0.0/8').containsIP('10.2.3.4') && !cidr('10.0.0.0/8').containsIP('11.0.0.1')",
      ),
    ).toBe(true);
    expect(run("cidr('2001:db8::/32').containsIP(ip('2001:db8::ff'))")).toBe(
      true,
    );
    expect(
      run(
        "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && cidr('10.0.0.0/8').prefixLength() == 8",
      ),
    ).toBe(true);
  });

  it('strings extension, duration and matches', () => {
    expect(
      run(
        "'a/b/c'.split('/')[1] + 'X'.lowerAscii() + string('abc'.indexOf('c'))",
      ),
    ).toBe('bx2');
    expect(run("duration('1h30m') > duration('90s')")).toBe(true);
    expect(
      run(
        `'foo.example.com'.matches(r"""^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$""")`,
      ),
    ).toBe(true);
  });
});
