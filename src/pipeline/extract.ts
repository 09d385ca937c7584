import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Rules } from '../rules/load.js';
import { countFiles, discover } from '../stages/01-discover/index.js';
import type { FileStat, StoredResult, Store } from '../stages/10-store/index.js';
import { AHEAD, WorkerPool } from './pool.js';

// The batch loop: paths stream in from discovery, a bounded number of documents are in flight,
// and this thread alone writes, committing finished documents in batches (each one whole).

export interface ExtractOptions {
  patterns: string[];
  jobs: number;
  force: boolean;
  /** larger files are failed unread: an article is kilobytes, a 50 MB "article" is a dump or a mistake */
  maxBytes: number;
}

export const DEFAULT_MAX_MB = 8;

export interface Progress {
  /** how many documents the run will see, once a quick walk of the inputs has counted them */
  total(n: number): void;
  document(status: 'ok' | 'failed' | 'skipped', bytes: number): void;
}

export interface Summary {
  ok: number;
  failed: number;
  skipped: number;
  mentions: number;
  byKind: Record<string, number>;
  facts: number;
  projects: number;
  checksFailed: number;
  bytes: number;
  /** the first FAILURES_KEPT failed documents (all of them are in the documents table) */
  failures: { path: string; error: string }[];
  interrupted: boolean;
}

export interface StopSignal { stopped: boolean }

const BATCH_DOCS = 32;
// a summary names this many failed files; an archive with 50,000 broken ones would bury it
export const FAILURES_KEPT = 20;
const BATCH_MS = 250;

export async function extractAll(
  opts: ExtractOptions,
  rules: Rules,
  store: Store,
  runId: number,
  progress: Progress,
  stop: StopSignal,
): Promise<Summary> {
  const summary: Summary = {
    ok: 0, failed: 0, skipped: 0, mentions: 0, byKind: {}, facts: 0, projects: 0, checksFailed: 0, bytes: 0, failures: [], interrupted: false,
  };
  const processor = new WorkerPool(opts.jobs, rules.dir);
  // enough queued per worker that none waits while this thread commits a batch
  const maxInFlight = opts.jobs * AHEAD;
  const inFlight = new Set<Promise<void>>();
  // Each document is written the moment its result arrives, into a batch transaction committed
  // every BATCH_DOCS documents or BATCH_MS: the result's objects die young instead of waiting for
  // the batch in this thread's old generation (a batch of 32 held back grew this thread's heap from
  // about 33 MB to 60-70 MB and made the run's peak RSS swing by 40 MB). Progress counts a document
  // once its batch is committed.
  let batch: { status: StoredResult['status']; bytes: number }[] = [];
  let lastCommit = Date.now();

  const commit = () => {
    if (!batch.length) return;
    store.commitBatch();
    const done = batch;
    batch = [];
    lastCommit = Date.now();
    for (const d of done) progress.document(d.status, d.bytes);
  };
  const finished = (result: StoredResult, file: FileStat) => {
    store.beginBatch();
    store.writeDocument(result, runId, rules.hash, file);
    if (result.status === 'ok') {
      summary.ok++;
      summary.mentions += result.doc.mentions.length;
      for (const m of result.doc.mentions) summary.byKind[m.kind] = (summary.byKind[m.kind] ?? 0) + 1;
      summary.facts += result.doc.facts.length;
      summary.projects += result.doc.projects.length;
      for (const c of result.doc.checks) if (c.status === 'fail') summary.checksFailed++;
    } else {
      summary.failed++;
      if (summary.failures.length < FAILURES_KEPT) summary.failures.push({ path: result.path, error: result.error });
    }
    batch.push({ status: result.status, bytes: file.bytes });
    if (batch.length >= BATCH_DOCS || Date.now() - lastCommit >= BATCH_MS) commit();
  };
  const failed = (path: string, sha256: string, file: FileStat, error: string) =>
    finished({ status: 'failed', path, sha256, encoding: null, error }, file);
  const skipped = (file: FileStat) => {
    summary.skipped++;
    progress.document('skipped', file.bytes);
  };

  // a second, cheap walk counts the files for the progress bar's total and ETA, while the first
  // streams them into the pipeline (so nothing waits for a huge archive to be listed)
  void countFiles(opts.patterns).then((n) => progress.total(n), () => {});
  try {
    for await (const path of discover(opts.patterns)) {
      if (stop.stopped) break;
      let file: FileStat;
      let bytes: Uint8Array;
      try {
        const st = statSync(path);
        file = { bytes: st.size, mtimeMs: st.mtimeMs };
        summary.bytes += st.size;
        if (!opts.force && store.isUnchanged(path, file, rules.hash)) {
          skipped(file);
          continue;
        }
        if (st.size > opts.maxBytes) {
          const mb = (n: number) => (n / 1e6).toFixed(1);
          failed(path, `too-large:${path}`, file,
            `too large for one article (${mb(st.size)} MB, limit ${mb(opts.maxBytes)} MB): split the file, or raise --max-mb`);
          continue;
        }
        // a synchronous read: from the page cache it is far quicker than four thread-pool round trips,
        // and this thread has nothing else to do meanwhile but keep the workers fed
        bytes = readFileSync(path);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        failed(path, `unreadable:${path}`, { bytes: 0, mtimeMs: 0 },
          `cannot read the file (${err.code ?? err.message}): check that it exists and is readable`);
        continue;
      }
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (!opts.force && store.isDone(sha, rules.hash, path, file)) {
        skipped(file);
        continue;
      }
      const job = processor
        .process(path, bytes, sha)
        .then((result) => finished(result, file))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      if (stop.stopped) break;
    }
    await Promise.all(inFlight);
    commit();
  } finally {
    await processor.close();
  }
  summary.interrupted = stop.stopped;
  return summary;
}
