/** What a fuzz run found, and its printout. */
export interface FuzzFailure {
  operationId: string;
  method: string;
  url: string;
  mutation: string;
  status: number | 'network';
  body: string;
}

export interface FuzzSummary {
  sent: number;
  seconds: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, Record<string, number>>;
  byMutation: Record<string, number>;
  /** 5xx answers and network failures (first 20) */
  failures: FuzzFailure[];
  serverErrors: number;
  /** answers that carried a secret value the run wrote, or an access key outside the claim / rotate answer */
  leaks: number;
  cleanedUp: number;
  /** the first answer of each operation and status (`op status` → its first 300 characters), to see why */
  samples: Record<string, string>;
}

/** A human summary of a run. */
export function formatSummary(s: FuzzSummary): string {
  const lines = [
    `fuzz: ${s.sent} requests in ${s.seconds.toFixed(1)} s, ${
      s.serverErrors
    } 5xx / network failures, ${s.leaks} secret leaks, ${
      s.cleanedUp
    } created objects deleted / requests and grants ended`,
    `by status: ${Object.entries(s.byStatus)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `by mutation: ${Object.entries(s.byMutation)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    ...Object.entries(s.byOperation).map(
      ([op, st]) =>
        `  ${op}: ${Object.entries(st)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
    ),
    ...s.failures.map(
      f => `FAIL ${f.status} ${f.method} ${f.url} (${f.mutation}): ${f.body}`,
    ),
  ];
  return lines.join('\n');
}
