import { Worker } from 'node:worker_threads';
import type { StoredResult } from '../stages/10-store/index.js';
import type { DocumentResult } from './document-machine.js';

// Runs documents through the pipeline in worker threads (--jobs of them), each with its own rules
// and jieba, while this thread reads, hashes and writes: even --jobs 1 overlaps the writing with the
// processing. The caller bounds how many documents are in flight.

export interface Task { id: number; path: string; bytes: Uint8Array; sha256: string; rulesDir: string }

/** Only what the store needs crosses back from a worker: not tokens or the normalised text. */
export function toRecord(r: DocumentResult): StoredResult {
  if (r.status === 'failed') return r;
  const { path, sha256, encoding, title, source, mentions, projects, facts, checks } = r.doc;
  return { status: 'ok', doc: { path, sha256, encoding, title, source, mentions, projects, facts, checks } };
}

// Worker heap ceiling: documents are small, and a runaway one must not take the machine's memory.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 };

interface Pending { task: Task; resolve: (r: StoredResult) => void }

// Each worker holds tasks ahead: it starts the next document the moment it posts a result,
// instead of idling while this thread is busy committing a batch. A batch of 32 takes this thread
// about 25 ms, some ten documents' work for a worker: with 4 ahead the worker ran dry (10 MB,
// --jobs 1: 8.6 s against 7.7 s with 16, three runs each). Tasks are kilobytes.
export const AHEAD = 16;

export class WorkerPool {
  /** each worker's tasks, in the order it will process them; the first is the one it is on */
  private readonly queues = new Map<Worker, Pending[]>();
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private closing = false;
  private readonly url = new URL('./worker.js', import.meta.url);

  private started = false;

  constructor(private readonly size: number, private readonly rulesDir: string) {}

  private spawn() {
    const w = new Worker(this.url, { resourceLimits: WORKER_LIMITS });
    const queue: Pending[] = [];
    w.on('message', ({ id, result }: { id: number; result: StoredResult }) => {
      const p = queue.shift();
      if (p?.task.id !== id) throw new Error(`worker answered task ${id}, expected ${p?.task.id}`);
      p.resolve(result);
      this.dispatch();
    });
    // A worker that dies (out of memory on a monstrous file, a native crash) fails the document it
    // was on, with a reason; the ones queued behind it go to a fresh worker, and the run goes on.
    const died = (why: string) => {
      if (!this.queues.delete(w)) return;
      const [current, ...rest] = queue;
      if (current) {
        current.resolve({
          status: 'failed', path: current.task.path, sha256: current.task.sha256, encoding: null,
          error: `could not be processed (${why}); the file may be too large or not an article`,
        });
      }
      this.waiting.unshift(...rest);
      if (!this.closing) {
        this.spawn();
        this.dispatch();
      }
    };
    w.on('error', (err: Error) => died(err.message));
    w.on('exit', (code) => died(`worker exited with code ${code}`));
    this.queues.set(w, queue);
  }

  process(path: string, bytes: Uint8Array, sha256: string): Promise<StoredResult> {
    // workers start with the first document: a rerun that skips everything starts none
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.size; i++) this.spawn();
    }
    const task: Task = { id: this.nextId++, path, bytes, sha256, rulesDir: this.rulesDir };
    return new Promise((resolve) => {
      this.waiting.push({ task, resolve });
      this.dispatch();
    });
  }

  /** Tops up the shortest queues first, so work spreads evenly. */
  private dispatch() {
    while (this.waiting.length) {
      let target: [Worker, Pending[]] | null = null;
      for (const entry of this.queues) if (entry[1].length < AHEAD && (!target || entry[1].length < target[1].length)) target = entry;
      if (!target) return;
      const [w, queue] = target;
      const p = this.waiting.shift()!;
      queue.push(p);
      // copied, not transferred: if this worker dies, the tasks queued behind the one that killed
      // it go to another worker with their bytes (an article is kilobytes; the copy is cheap)
      w.postMessage(p.task);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.queues.keys()].map((w) => w.terminate()));
  }
}
