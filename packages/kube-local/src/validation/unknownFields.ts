const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Paths of fields present in `input` but gone from `output` (pruned by the CRD schema), written like the API server's
 * strict decoding errors: `spec.foo`, `spec.items[0].bar`. `metadata` and `status` are not compared.
 */
export function unknownFields(input: Record<string, any>, output: Record<string, any>): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (Array.isArray(a) && Array.isArray(b)) {
      a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`));
      return;
    }
    if (!isObject(a) || !isObject(b)) return;
    for (const k of Object.keys(a)) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in b)) out.push(p);
      else walk(a[k], b[k], p);
    }
  };
  for (const k of Object.keys(input)) {
    if (k === 'metadata' || k === 'status') continue;
    if (!(k in output)) out.push(k);
    else walk(input[k], output[k], k);
  }
  return out;
}
