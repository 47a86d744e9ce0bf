/**
 * Runs `run` with one deadline: after `timeoutMs` the signal aborts with `no complete answer within <s> s` and the
 * returned promise rejects with that error at once, even when `run` ignores the signal (a hanging server is cut).
 * When `run` settles first, the signal aborts too (`finished`), releasing whatever still listens to it.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(
    () =>
      abort.abort(new Error(`no complete answer within ${timeoutMs / 1000} s`)),
    timeoutMs,
  );
  const aborted = new Promise<never>((_, reject) => {
    abort.signal.addEventListener('abort', () => reject(abort.signal.reason), {
      once: true,
    });
  });
  try {
    return await Promise.race([run(abort.signal), aborted]);
  } finally {
    clearTimeout(timer);
    abort.abort(new Error('finished'));
  }
}
