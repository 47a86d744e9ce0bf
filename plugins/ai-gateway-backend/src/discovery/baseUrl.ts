import { KubeObjectOf } from '@ai-gateway-backstage/plugin-ai-gateway-common';

type Gateway = KubeObjectOf<'Gateway'>;
type Listener = NonNullable<Gateway['spec']>['listeners'][number];

const isListener = (l: unknown): l is Listener =>
  typeof l === 'object' &&
  l !== null &&
  typeof (l as Partial<Listener>).protocol === 'string' &&
  /^HTTPS?$/.test((l as Listener).protocol);

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };

function url(scheme: string, host: string, port: unknown): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const p =
    typeof port === 'number' && port !== DEFAULT_PORT[scheme] ? `:${port}` : '';
  return `${scheme}://${h}${p}`;
}

/**
 * The client-facing base URL of a Gateway (no trailing slash): `aiGateway.gateways` (by `cluster:ns/name`,
 * then `ns/name`), else the listener (the parentRef's `sectionName`, else HTTPS before HTTP) with its hostname,
 * else the Gateway's first status address, else the in-cluster Service name.
 */
export function gatewayBaseUrl(
  cluster: string,
  gateway: Gateway,
  configured: Map<string, string>,
  sectionName?: string,
): string {
  const id = `${gateway.metadata.namespace ?? ''}/${gateway.metadata.name}`;
  const fromConfig = configured.get(`${cluster}:${id}`) ?? configured.get(id);
  if (fromConfig) return fromConfig;
  const listeners: Listener[] = Array.isArray(gateway.spec?.listeners)
    ? gateway.spec.listeners.filter(isListener)
    : [];
  const listener =
    listeners.find(l => sectionName && l.name === sectionName) ??
    listeners.find(l => l.protocol === 'HTTPS' && l.hostname) ??
    listeners.find(l => l.protocol === 'HTTP') ??
    listeners[0];
  const scheme = listener?.protocol === 'HTTPS' ? 'https' : 'http';
  const hostname =
    typeof listener?.hostname === 'string' && !listener.hostname.includes('*')
      ? listener.hostname
      : undefined;
  const addresses: unknown[] = Array.isArray(gateway.status?.addresses)
    ? gateway.status.addresses
    : [];
  const address = addresses
    .map(a =>
      typeof a === 'object' && a !== null && 'value' in a ? a.value : undefined,
    )
    .find((v): v is string => typeof v === 'string');
  const host =
    hostname ??
    address ??
    `${gateway.metadata.name}.${gateway.metadata.namespace}.svc.cluster.local`;
  return url(scheme, host, listener?.port);
}
