/**
 * `histogram_quantile` as Prometheus computes it for classic histograms: linear interpolation inside the
 * bucket that holds the rank; the +Inf bucket answers the highest finite bound. `buckets` are cumulative.
 */
export function histogramQuantile(
  q: number,
  buckets: Array<{ le: number; count: number }>,
): number | null {
  if (!(q >= 0 && q <= 1)) return null;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1].le !== Infinity)
    return null;
  // cumulative counts of rates can be slightly non-monotonic from float error
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].count < sorted[i - 1].count)
      sorted[i] = { ...sorted[i], count: sorted[i - 1].count };
  }
  const total = sorted[sorted.length - 1].count;
  if (!(total > 0)) return null;
  let rank = q * total;
  let b = sorted.findIndex(x => x.count >= rank);
  if (b < 0) b = sorted.length - 1;
  if (b === sorted.length - 1) return sorted[sorted.length - 2].le;
  if (b === 0 && sorted[0].le <= 0) return sorted[0].le;
  const start = b === 0 ? 0 : sorted[b - 1].le;
  const end = sorted[b].le;
  const below = b === 0 ? 0 : sorted[b - 1].count;
  const inBucket = sorted[b].count - below;
  rank -= below;
  return inBucket > 0 ? start + (end - start) * (rank / inBucket) : end;
}
