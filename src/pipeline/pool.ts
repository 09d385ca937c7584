import { Worker } from 'node:worker_threads';
import type { StoredResult } from '../stages/10-store/index.js';
import type { DocumentResult } from './document-machine.js';

// Runs documents through the pipeline in worker threads (--jobs of them), each with its own rules
// and jieba, while this thread reads, hashes and writes: even --jobs 1 overlaps the writing with the
// processing. The caller bounds how many documents are in flight.

export interface Task { id: number; path: string; bytes: Uint8Array; rulesDir: string }

/** Only what the store needs crosses back from a worker: not tokens or the normalised text. */
export function toRecord(r: DocumentResult): StoredResult {
  if (r.status === 'failed') return r;
  const { path, sha256, encoding, title, source, mentions, projects, facts, checks } = r.doc;
  return { status: 'ok', doc: { path, sha256, encoding, title, source, mentions, projects, facts, checks } };
}

// Worker heap ceiling: documents are small, and a runaway one must not take the machine's memory.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

interface Pending { task: Task; sha256: string; resolve: (r: StoredResult) => void; worker?: Worker }

export class WorkerPool {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly waiting: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private nextId = 0;
  private closing = false;
  private readonly url = new URL('./worker.js', import.meta.url);

  private started = false;

  constructor(private readonly size: number, private readonly rulesDir: string) {}

  private spawn() {
    const w = new Worker(this.url, { resourceLimits: WORKER_LIMITS });
    w.on('message', ({ result }: { id: number; result: StoredResult }) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      p?.resolve(result);
      this.idle.push(w);
      this.dispatch();
    });
    // A worker that dies (out of memory on a monstrous file, a native crash) fails its document
    // with a reason, and a fresh worker takes its place: the run goes on.
    const died = (why: string) => {
      if (!this.workers.delete(w)) return;
      const p = this.busy.get(w);
      this.busy.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
      if (p) {
        p.resolve({
          status: 'failed', path: p.task.path, sha256: p.sha256, encoding: null,
          error: `could not be processed (${why}); the file may be too large or not an article`,
        });
      }
      if (!this.closing) {
        this.spawn();
        this.dispatch();
      }
    };
    w.on('error', (err: Error) => died(err.message));
    w.on('exit', (code) => died(`worker exited with code ${code}`));
    this.workers.add(w);
    this.idle.push(w);
  }

  process(path: string, bytes: Uint8Array, sha256: string): Promise<StoredResult> {
    // workers start with the first document: a rerun that skips everything starts none
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.size; i++) this.spawn();
    }
    const task: Task = { id: this.nextId++, path, bytes, rulesDir: this.rulesDir };
    return new Promise((resolve) => {
      this.waiting.push({ task, sha256, resolve });
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.idle.length && this.waiting.length) {
      const w = this.idle.pop()!;
      const p = this.waiting.shift()!;
      this.busy.set(w, p);
      const buf = p.task.bytes.buffer;
      const transferable = p.task.bytes.byteOffset === 0 && p.task.bytes.byteLength === buf.byteLength;
      w.postMessage(p.task, transferable ? [buf as ArrayBuffer] : []);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}
