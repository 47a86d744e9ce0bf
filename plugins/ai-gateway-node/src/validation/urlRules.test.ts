/**
 * The AgentgatewayModel `baseURL` checks (format `uri` + the CEL rule "baseURL must be an absolute http or https URL
 * with a host") over the 22 variants a real kube-apiserver v1.32 was asked: the validator must give the server's
 * answer for each, i.e. parse like Go's net/url.
 */
import { loadBundledCrds } from '../crds';
import { createCrdValidator } from './CrdValidator';
import type { CustomResourceDefinition } from './types';
import { exampleCrd } from './__testUtils__/exampleCrd';

const MODELS = loadBundledCrds().find(
  c => c.spec.names.kind === 'AgentgatewayModel',
)!;

/** A CRD whose only field carries the bundled baseURL schema and rule, so other required fields do not interfere. */
function baseUrlCrd(): CustomResourceDefinition {
  const rules = [
    ...JSON.stringify(MODELS).matchAll(/"rule":("(?:[^"\\]|\\.)*")/g),
  ].map(m => JSON.parse(m[1]) as string);
  const rule = rules.find(r => r.includes('isURL(self.baseURL)'))!;
  return exampleCrd({
    kind: 'Url',
    plural: 'urls',
    spec: {
      type: 'object',
      properties: { baseURL: { type: 'string', format: 'uri' } },
      'x-kubernetes-validations': [
        {
          rule,
          message: 'baseURL must be an absolute http or https URL with a host',
        },
      ],
    },
  });
}

describe('baseURL rules parse like Go net/url', () => {
  const v = createCrdValidator([baseUrlCrd()]);
  const valid = (baseURL: string) =>
    v.validate({
      apiVersion: 'example.com/v1',
      kind: 'Url',
      metadata: { name: 'u' },
      spec: { baseURL },
    }).valid;

  it.each([
    ['https://api.example.com', true],
    ['https://api.example.com/v1', true],
    ['http://api.example.com:8080/v1', true],
    ['https://api.example.com:99999/', true], // accepted by the server; a browser refuses the port
    ['https://api.example.com/a b', true], // accepted by the server; a browser escapes the space
    ['https://user@api.example.com/', true],
    ['https://[2001:db8::1]:443/', true],
    ['https://api.example.com/v1#frag', true], // ParseRequestURI keeps `#frag` in the path
    ['HTTPS://API.EXAMPLE.COM/', true], // the scheme is lower-cased
    ['https:host', false], // opaque: no host
    ['https:/host', false], // no authority
    ['https:localhost', false],
    ['https://%41.example.com/', false], // host escapes of ASCII bytes are refused
    ['https://api.example.com#fragment', false], // `#` lands in the host
    ['ftp://api.example.com/', false],
    ['//api.example.com/', false],
    ['/v1', false],
    ['api.example.com', false],
    ['https://', false],
    ['https://exa mple.com/', false],
    ['https://api.example.com:port/', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(valid(url)).toBe(expected);
  });
});
