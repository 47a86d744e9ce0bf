import { Config } from '@backstage/config';

/** `<prefix>.<key>` as a positive number, else `fallback`; throws naming the key when it is not positive. */
export function positiveNumbers(section: Config | undefined, prefix: string) {
  return (key: string, fallback: number): number => {
    const v = section?.getOptionalNumber(key) ?? fallback;
    if (!(v > 0))
      throw new Error(`${prefix}.${key} must be a positive number, got ${v}`);
    return v;
  };
}

/** What every development mapping (`<prefix>.endpoints[i]`) has: where Backstage reaches a backend instead. */
export interface EndpointBase {
  cluster?: string;
  /** `<namespace>/<backend>` */
  backend: string;
  url: string;
  /** request headers (e.g. a bearer token of a test server) */
  headers: Record<string, string>;
}

/** Reads and checks `<prefix>.endpoints[i]`'s shared fields. */
export function readEndpointBase(
  e: Config,
  i: number,
  prefix: string,
): EndpointBase {
  const backend = e.getString('backend');
  if (!/^[^/\s]+\/[^/\s]+$/.test(backend)) {
    throw new Error(
      `${prefix}.endpoints[${i}].backend must be '<namespace>/<backend>', got '${backend}'`,
    );
  }
  const url = e.getString('url');
  if (!/^https?:\/\//.test(url)) {
    throw new Error(
      `${prefix}.endpoints[${i}].url must be an http(s) URL, got '${url}'`,
    );
  }
  const headers: Record<string, string> = {};
  const h = e.getOptionalConfig('headers');
  for (const key of h?.keys() ?? []) headers[key] = h!.getString(key);
  return { cluster: e.getOptionalString('cluster'), backend, url, headers };
}
