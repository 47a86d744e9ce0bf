/**
 * Go net/url behaviour (https://pkg.go.dev/net/url: Parse, ParseRequestURI, URL.Hostname, URL.Port, URL.EscapedPath,
 * ParseQuery) — what kube-apiserver's `uri` format and CEL `isURL()` / `url()` use — in cases where a browser's
 * WHATWG parser answers differently.
 */
import {
  escapedPath,
  isRequestUri,
  parseQuery,
  parseRequestUri,
  parseUrl,
  splitHostPort,
} from './goUrl';
import { FORMATS } from './ajvFormats';

const uri = FORMATS.uri as (s: string) => boolean;

describe('Go net/url semantics', () => {
  it.each([
    // [text, ParseRequestURI accepts, host as Go parses it]
    ['https:host', true, ''], // a rootless path after the scheme is opaque: no host (a browser makes it https://host/)
    ['https:/host', true, ''], // absolute path, no authority
    ['https:localhost', true, ''],
    ['https://api.example.com:99999/v1', true, 'api.example.com:99999'], // a port is any run of digits
    ['https://api.example.com/a b', true, 'api.example.com'], // spaces are fine in a path
    ['https://api.example.com/v1#frag', true, 'api.example.com'], // ParseRequestURI keeps `#frag` in the path
    ['/relative/path', true, ''],
    ['*', true, ''],
  ])('accepts %s', (text, _ok, host) => {
    expect(isRequestUri(text)).toBe(true);
    expect(uri(text)).toBe(true);
    expect(parseRequestUri(text).host).toBe(host);
  });

  it.each([
    ['https://%41.example.com/', 'invalid URL escape "%41"'], // a host may only %-encode non-ASCII bytes
    ['https://api.example.com#frag', 'invalid character "#" in host name'], // no fragment split: `#` lands in the host
    ['https://exa mple.com/', 'invalid character " " in host name'],
    ['https://api.example.com:80a/', 'invalid port ":80a" after host'],
    ['https://[::1/', "missing ']' in host"],
    ['relative/path', 'invalid URI for request'],
    ['', 'empty url'],
    [':nope', 'missing protocol scheme'],
    ['https://api.example.com/%zz', 'invalid URL escape "%zz"'],
    [
      'https://api.example.com/\u0007',
      'net/url: invalid control character in URL',
    ],
    ['https://us er@host/', 'net/url: invalid userinfo'],
  ])('rejects %s', (text, reason) => {
    expect(isRequestUri(text)).toBe(false);
    expect(uri(text)).toBe(false);
    expect(() => parseRequestUri(text)).toThrow(
      `parse ${JSON.stringify(text)}: ${reason}`,
    );
  });

  it('Parse cuts off the fragment; Hostname / Port / EscapedPath / Query as Go computes them', () => {
    const u = parseUrl(
      'HTTPS://user:pw@[fe80::1%25en0]:8443/a%2Fb c?x=1&x=2&y=a+b&bad=%zz#sec%20tion',
    );
    expect(u.scheme).toBe('https');
    expect(u.host).toBe('[fe80::1%en0]:8443');
    expect(splitHostPort(u.host)).toEqual({
      hostname: 'fe80::1%en0',
      port: '8443',
    });
    expect(u.path).toBe('/a/b c');
    // the written path needs escaping (a space), so the default encoding of the decoded path is used
    expect(escapedPath(u)).toBe('/a/b%20c');
    expect(escapedPath(parseUrl('https://h/a%2Fb'))).toBe('/a%2Fb');
    expect(u.fragment).toBe('sec tion');
    expect(parseQuery(u.rawQuery)).toEqual(
      new Map([
        ['x', ['1', '2']],
        ['y', ['a b']],
      ]),
    );
    expect(splitHostPort('example.com:')).toEqual({
      hostname: 'example.com',
      port: '',
    });
    expect(parseUrl('https://h/p').path).toBe('/p');
    expect(parseUrl('mailto:someone@example.com').host).toBe('');
  });
});
