import { Worker } from 'node:worker_threads';
import type { Rules } from '../rules/load.js';
import type { StoredResult } from '../stages/10-store/index.js';
import { processDocument, type DocumentResult } from './document-machine.js';

// Runs documents through the pipeline in worker threads (--jobs of them), each with its own rules
// and jieba, while this thread reads, hashes and writes: even --jobs 1 overlaps the writing with the
// processing. jobs 0 processes in this thread (for tools that handle one text). The caller bounds
// how many documents are in flight.

export interface Task { id: number; path: string; bytes: Uint8Array; rulesDir: string }

/** Only what the store needs crosses back from a worker: not tokens or the normalised text. */
export function toRecord(r: DocumentResult): StoredResult {
  if (r.status === 'failed') return r;
  const { path, sha256, encoding, title, source, mentions, projects, facts, checks } = r.doc;
  return { status: 'ok', doc: { path, sha256, encoding, title, source, mentions, projects, facts, checks } };
}

export interface Processor {
  process(path: string, bytes: Uint8Array): Promise<StoredResult>;
  close(): Promise<void>;
}

export function createProcessor(jobs: number, rules: Rules): Processor {
  if (jobs <= 0) {
    return {
      process: async (path, bytes) => toRecord(processDocument({ path, bytes, rules })),
      close: async () => {},
    };
  }
  return new WorkerPool(jobs, rules.dir);
}

class WorkerPool implements Processor {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Task[] = [];
  private readonly pending = new Map<number, { resolve: (r: StoredResult) => void; reject: (e: Error) => void; worker?: Worker }>();
  private nextId = 0;

  constructor(size: number, private readonly rulesDir: string) {
    const url = new URL('./worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const w = new Worker(url);
      w.on('message', ({ id, result }: { id: number; result: StoredResult }) => {
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.resolve(result);
        this.release(w);
      });
      w.on("error", (err: Error) => {
        for (const [id, p] of this.pending) if (p.worker === w) { this.pending.delete(id); p.reject(err); }
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  process(path: string, bytes: Uint8Array): Promise<StoredResult> {
    const task: Task = { id: this.nextId++, path, bytes, rulesDir: this.rulesDir };
    return new Promise((resolve, reject) => {
      this.pending.set(task.id, { resolve, reject });
      this.waiting.push(task);
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.idle.length && this.waiting.length) {
      const w = this.idle.pop()!;
      const task = this.waiting.shift()!;
      this.pending.get(task.id)!.worker = w;
      const buf = task.bytes.buffer;
      const transferable = task.bytes.byteOffset === 0 && task.bytes.byteLength === buf.byteLength;
      w.postMessage(task, transferable ? [buf as ArrayBuffer] : []);
    }
  }

  private release(w: Worker) {
    this.idle.push(w);
    this.dispatch();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
