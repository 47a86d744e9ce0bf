import fs from 'node:fs';
import path from 'node:path';
import { ObjectStore, StoreSnapshot } from './ObjectStore';

/** Read a snapshot file written by {@link SnapshotWriter}; undefined if it does not exist. */
export function readSnapshot(file: string): StoreSnapshot | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (
    typeof parsed?.resourceVersion !== 'number' ||
    !Array.isArray(parsed.objects)
  ) {
    throw new Error(`${file} is not a kube-local snapshot`);
  }
  return parsed as StoreSnapshot;
}

/** Write a snapshot atomically: temp file in the same folder, then rename. */
export function writeSnapshot(file: string, snapshot: StoreSnapshot): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(snapshot));
  fs.renameSync(tmp, file);
}

/** Writes the store to a file after each change, debounced; `flush()` writes pending changes now. */
export class SnapshotWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly file: string,
    private readonly delayMs = 50,
  ) {
    store.onChange(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    writeSnapshot(this.file, this.store.snapshot());
  }

  /** Flush if something is pending and stop. */
  close(): void {
    if (this.timer) this.flush();
  }
}
