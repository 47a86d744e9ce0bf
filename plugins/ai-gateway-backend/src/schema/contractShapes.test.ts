import express from 'express';
import request from 'supertest';
import { NotFoundError } from '@backstage/errors';
import {
  KubeObject,
  ResourceItem,
  kindOf,
  toResourceItem,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { seed } from '../__testUtils__/seed';
import {
  answerSchemaErrors,
  componentSchemaErrors,
  responseSchemaErrors,
} from '../__testUtils__/openApiResponses';
import { apiErrorHandler } from '../mutations/errorResponse';
import {
  AdmissionRefusedError,
  AmbiguousOwnershipError,
  ClusterAccessError,
  PayloadTooLargeError,
  StaleObjectError,
  ValidationFailedError,
  withWarnings,
} from '../mutations/errors';
import { llmOpenApi } from '../discovery/llm';

/*
 * The shapes openapi.yaml closed (additionalProperties: false): real values built by the backend's own code are
 * valid, and a value with one unknown field (or a wrong type) is not. The router tests check whole answers.
 */

const RESOURCE =
  '/entity/{kind}/{namespace}/{name}/resources/{resourceKind}/{resourceName}';

const extraKinds: KubeObject[] = [
  {
    apiVersion: 'gateway.networking.k8s.io/v1beta1',
    kind: 'ReferenceGrant',
    metadata: { name: 'grant', namespace: 'team-support' },
    spec: {
      from: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          namespace: 'a',
        },
      ],
      to: [{ group: '', kind: 'Service', name: 'svc' }],
    },
  },
  {
    apiVersion: 'agentgateway.dev/v1alpha1',
    kind: 'AgentgatewayModel',
    metadata: { name: 'gpt', namespace: 'team-support' },
    spec: { provider: 'OpenAI', parentRefs: [{ name: 'ai-gw' }] },
  },
];

/** One item per kind the registry knows, built by the backend's one builder from real objects. */
function items(): ResourceItem[] {
  return [...(seed as KubeObject[]), ...extraKinds]
    .filter(o => kindOf(o))
    .map(o => toResourceItem(o, { cluster: 'local' }));
}

const itemErrors = (item: unknown) =>
  responseSchemaErrors('get', RESOURCE, JSON.parse(JSON.stringify({ item })));

describe('ResourceSummary (closed)', () => {
  it('every kind’s real summary is valid', () => {
    const all = items();
    expect(new Set(all.map(i => i.kind)).size).toBeGreaterThanOrEqual(9);
    for (const item of all)
      expect([item.kind, itemErrors(item)]).toEqual([item.kind, []]);
  });

  it('refuses an unknown summary key and a wrongly typed value', () => {
    const [item] = items();
    expect(
      itemErrors({ ...item, summary: { ...item.summary, colour: 'red' } }),
    ).toEqual([
      expect.stringMatching(
        /^\/item\/summary must NOT have additional properties .*colour/,
      ),
    ]);
    expect(
      itemErrors({ ...item, summary: { listeners: 'http HTTP/80' } }).join(
        '\n',
      ),
    ).toMatch(/\/item\/summary\/listeners must be array/);
    expect(
      itemErrors({ ...item, summary: { provider: 3 } }).join('\n'),
    ).toMatch(/\/item\/summary\/provider/);
  });

  it('the object stays open on purpose (any spec of any kind)', () => {
    const [item] = items();
    expect(
      itemErrors({
        ...item,
        object: {
          ...item.object,
          spec: { anything: [1, { x: true }] },
          extra: 1,
        },
      }),
    ).toEqual([]);
  });
});

const ERROR_URL =
  '/api/ai-gateway/entity/component/default/bot/resources/HTTPRoute/r?resourceVersion=1';

/** The real error body: the router's last error handler answering `err`. */
async function errorAnswer(err: Error) {
  const app = express();
  app.put(
    '/api/ai-gateway/entity/:kind/:namespace/:name/resources/:rk/:rn',
    () => {
      throw err;
    },
  );
  app.use(apiErrorHandler());
  return request(app).put(ERROR_URL);
}

describe('Error body (closed)', () => {
  const [current] = items();
  const errors: Error[] = [
    new NotFoundError('no such object'),
    new ValidationFailedError('invalid', [
      { field: 'spec.x', message: 'bad', reason: 'FieldValueInvalid' },
      { field: 'metadata.name', message: 'required' },
    ]),
    new StaleObjectError('changed', current),
    new AmbiguousOwnershipError('two owners', [
      'component:default/a',
      'component:default/b',
    ]),
    withWarnings(new AdmissionRefusedError('quota exceeded'), [
      'deprecated field',
    ]),
    new ClusterAccessError('forbidden for the plugin'),
    new PayloadTooLargeError('too large'),
    new Error('boom'),
  ];

  it('every error the backend sends is valid for its status', async () => {
    for (const err of errors) {
      const res = await errorAnswer(err);
      expect(res.body.request).toEqual({
        method: 'PUT',
        url: '/api/ai-gateway/entity/component/default/bot/resources/HTTPRoute/r',
      });
      // 500 is no documented answer of the route (then the router tests fail); its body is still the one shape
      const errs =
        res.status === 500
          ? componentSchemaErrors('Error', res.body)
          : answerSchemaErrors('put', ERROR_URL, res);
      expect([err.name, res.status, errs]).toEqual([err.name, res.status, []]);
    }
  });

  it('refuses unknown fields at every level, a stack among them', async () => {
    const { body } = await errorAnswer(errors[1]);
    const check = (b: unknown) => componentSchemaErrors('Error', b);
    expect(check(body)).toEqual([]);
    expect(check({ ...body, details: {} }).join()).toMatch(
      /must NOT have additional properties.*details/,
    );
    expect(
      check({
        ...body,
        error: { ...body.error, stack: 'Error: at x.ts:1' },
      }).join(),
    ).toMatch(/\/error must NOT have additional properties.*stack/);
    expect(
      check({ ...body, request: { ...body.request, headers: {} } }).join(),
    ).toMatch(/\/request must NOT have additional properties/);
    expect(
      check({ ...body, response: { statusCode: 422, body: '' } }).join(),
    ).toMatch(/\/response must NOT have additional properties/);
    expect(check({ ...body, response: { statusCode: 200 } }).join()).toMatch(
      /statusCode must be >= 400/,
    );
    expect(
      check({
        ...body,
        causes: [{ field: 'a', message: 'b', origin: 'x' }],
      }).join(),
    ).toMatch(/\/causes\/0 must NOT have additional properties/);
    const { request: _r, ...withoutRequest } = body;
    expect(check(withoutRequest).join()).toMatch(
      /must have required property 'request'/,
    );
  });
});

describe('LlmApiDefinition (closed paths and components)', () => {
  const definition = (auth: {
    kind: 'api-key' | 'jwt' | 'basic' | 'none';
    header: string;
    scheme: string;
  }) =>
    JSON.parse(
      JSON.stringify(
        llmOpenApi({
          title: 'support',
          description: 'LLM',
          baseUrl: 'https://gw.example',
          endpoints: [
            {
              method: 'POST',
              path: '/v1/chat/completions',
              url: 'https://gw.example/v1/chat/completions',
              format: 'chat-completions',
            },
            {
              method: 'POST',
              path: '/v1/messages',
              url: 'https://gw.example/v1/messages',
              format: 'messages',
            },
            {
              method: 'POST',
              path: '/v1/embeddings',
              url: 'https://gw.example/v1/embeddings',
              format: 'embeddings',
            },
            {
              method: 'GET',
              path: '/v1/models',
              url: 'https://gw.example/v1/models',
              format: 'models',
            },
          ],
          models: ['gpt-4o'],
          providers: ['openai'],
          auth,
          policies: [],
        }),
      ),
    );

  it('the documents the backend builds are valid, with each kind of credential', () => {
    for (const auth of [
      { kind: 'api-key', header: 'x-api-key', scheme: '' },
      { kind: 'jwt', header: 'Authorization', scheme: 'Bearer ' },
      { kind: 'basic', header: 'Authorization', scheme: 'Basic ' },
      { kind: 'none', header: '', scheme: '' },
    ] as const)
      expect([
        auth.kind,
        componentSchemaErrors('LlmApiDefinition', definition(auth)),
      ]).toEqual([auth.kind, []]);
  });

  it('refuses unknown fields in a path item, an operation and the security scheme', () => {
    const doc = definition({
      kind: 'jwt',
      header: 'Authorization',
      scheme: 'Bearer ',
    });
    const errs = (d: unknown) =>
      componentSchemaErrors('LlmApiDefinition', d).join('\n');
    expect(
      errs({
        ...doc,
        paths: { ...doc.paths, '/x': { put: doc.paths['/v1/models'].get } },
      }),
    ).toMatch(/\/paths\/~1x must NOT have additional properties/);
    expect(
      errs({
        ...doc,
        paths: {
          '/v1/models': {
            get: { ...doc.paths['/v1/models'].get, deprecated: true },
          },
        },
      }),
    ).toMatch(/\/paths\/~1v1~1models\/get must NOT have additional properties/);
    expect(
      errs({
        ...doc,
        components: {
          securitySchemes: { gateway: { type: 'oauth2', flows: {} } },
        },
      }),
    ).toMatch(/securitySchemes\/gateway/);
    // the request body's JSON Schema stays open on purpose (any keyword)
    const post = doc.paths['/v1/chat/completions'].post;
    post.requestBody.content['application/json'].schema.examples = [{}];
    expect(errs(doc)).toBe('');
  });
});
