import { TestCluster } from './testServer';

export type Ev = { type: string; object: any };

/** Collect raw watch events from a URL until `count` arrived (or the stream ends). */
export async function collect(
  t: TestCluster,
  path: string,
  count: number,
  timeoutMs = 3000,
  init?: RequestInit,
): Promise<Ev[]> {
  const res = await t.raw(path, init);
  const reader = res.body!.getReader();
  const events: Ev[] = [];
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const r = await Promise.race([
      reader.read(),
      new Promise<{ done: true; value: undefined }>(ok =>
        setTimeout(
          () => ok({ done: true, value: undefined }),
          deadline - Date.now(),
        ),
      ),
    ]);
    if (r.done) break;
    buf += Buffer.from(r.value).toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      events.push(JSON.parse(buf.slice(0, i)));
      buf = buf.slice(i + 1);
    }
  }
  await reader.cancel().catch(() => {});
  return events;
}
