/**
 * Validating admission webhooks, configured in `startKubeLocal({ admissionWebhooks })` and called in-process with
 * an AdmissionReview-shaped request. A denial is answered as kube-apiserver's webhook dispatcher answers it
 * (k8s.io/apiserver admission/plugin/webhook/errors.ToStatusErr): `admission webhook "<name>" denied the request:
 * <message>`, with the response's code (raised to 400 when it is below 400) and reason.
 */
import { StatusError } from '../errors/StatusError';
import { KubeObject, ResourceType, splitApiVersion } from '../types';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** What a webhook receives (the `request` of an admission.k8s.io/v1 AdmissionReview). */
export interface AdmissionReviewRequest {
  kind: { group: string; version: string; kind: string };
  resource: { group: string; version: string; resource: string };
  subResource?: string;
  name: string;
  namespace?: string;
  operation: AdmissionOperation;
  userInfo: { username: string };
  /** The new object (CREATE, UPDATE). */
  object?: KubeObject;
  /** The stored object (UPDATE, DELETE). */
  oldObject?: KubeObject;
  dryRun: boolean;
}

/** The `response` of an AdmissionReview. */
export interface AdmissionReviewResponse {
  allowed: boolean;
  /** For a denial: `code` (below 400 becomes 400, as the real dispatcher does), `message`, `reason`. */
  status?: { code?: number; message?: string; reason?: string };
  /** Sent to the client as `Warning: 299 - "<text>"` headers, allowed or not. */
  warnings?: string[];
}

export interface WebhookRule {
  /** Default `['*']`. */
  operations?: Array<AdmissionOperation | '*'>;
  /** API groups (`''` for core); default `['*']`. */
  apiGroups?: string[];
  /** Plurals, `plural/subresource`, `*` (every resource, no subresource) or `*\/*`; default `['*']`. */
  resources?: string[];
}

export interface ValidatingWebhook {
  /** The webhook's name as a ValidatingWebhookConfiguration lists it (e.g. `policy.example.com`). */
  name: string;
  /** Which requests it sees; default: every create, update and delete of every resource (no subresources). */
  rules?: WebhookRule[];
  /**
   * Decide. `true` / `undefined`: allowed. A string: denied with that message, code 403 and reason `Forbidden`
   * (what controller-runtime's `admission.Denied(msg)` answers). `false`: denied without explanation (400).
   * Or a full response.
   */
  review(
    request: AdmissionReviewRequest,
  ): AdmissionReviewResponse | boolean | string | void;
}

const has = (list: string[] | undefined, v: string) =>
  (list ?? ['*']).some(x => x === '*' || x === v);

function matchesResource(
  resources: string[] | undefined,
  plural: string,
  subresource: string | undefined,
): boolean {
  return (resources ?? ['*']).some(r => {
    if (!subresource) return r === '*' || r === plural;
    const [rp, rs] = r.split('/');
    return (
      rs !== undefined &&
      (rp === '*' || rp === plural) &&
      (rs === '*' || rs === subresource)
    );
  });
}

export function webhookMatches(
  hook: ValidatingWebhook,
  op: AdmissionOperation,
  type: ResourceType,
  subresource?: string,
): boolean {
  const rules = hook.rules ?? [{}];
  return rules.some(
    r =>
      has(r.operations, op) &&
      has(r.apiGroups, type.group) &&
      matchesResource(r.resources, type.plural, subresource),
  );
}

function normalize(
  answer: AdmissionReviewResponse | boolean | string | void,
): AdmissionReviewResponse {
  if (answer === undefined || answer === true) return { allowed: true };
  if (answer === false) return { allowed: false };
  if (typeof answer === 'string')
    return {
      allowed: false,
      status: { code: 403, reason: 'Forbidden', message: answer },
    };
  return answer;
}

/** Call one webhook; throws the denial as a Status error, collects its warnings. */
export function callWebhook(
  hook: ValidatingWebhook,
  request: AdmissionReviewRequest,
  warnings: string[] | undefined,
): void {
  const res = normalize(hook.review(request));
  warnings?.push(...(res.warnings ?? []));
  if (res.allowed) return;
  const deniedBy = `admission webhook ${JSON.stringify(
    hook.name,
  )} denied the request`;
  const s = res.status ?? {};
  const code = !s.code || s.code < 400 ? 400 : s.code;
  let message = `${deniedBy} without explanation`;
  if (s.message) message = `${deniedBy}: ${s.message}`;
  else if (s.reason) message = `${deniedBy}: ${s.reason}`;
  throw new StatusError(code, s.reason ?? '', message);
}

export function reviewRequest(a: {
  operation: AdmissionOperation;
  type: ResourceType;
  object?: KubeObject;
  oldObject?: KubeObject;
  user?: string;
  dryRun?: boolean;
  subresource?: string;
}): AdmissionReviewRequest {
  const obj = a.object ?? a.oldObject ?? {};
  const version = splitApiVersion(
    String(obj.apiVersion ?? a.type.versions[0]),
  ).version;
  return {
    kind: { group: a.type.group, version, kind: a.type.kind },
    resource: { group: a.type.group, version, resource: a.type.plural },
    subResource: a.subresource,
    name: obj.metadata?.name ?? '',
    namespace: obj.metadata?.namespace,
    operation: a.operation,
    userInfo: { username: a.user ?? 'admin' },
    object: a.object,
    oldObject: a.oldObject,
    dryRun: !!a.dryRun,
  };
}
