import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { rulesFor } from '../rules/load.js';
import { processDocument } from './document-machine.js';
import { toRecord, type Task } from './pool.js';

// Workers are throughput threads: they yield the CPU to the writer (the one consumer of their
// results) and to V8's helper thread (which compiles the workers' hot code and collects garbage).
// Without this the helper waits for a core while the workers run unoptimised code: 30 MB on two
// cores, three alternating runs, --jobs 1 took 15.1 s against 16.0 s, --jobs 2 14.6 s against
// 15.0 s, and --jobs 2 peaked at 254-263 MB against 260-303 MB. On Linux a nice value given with
// pid 0 is the calling thread's own; elsewhere it would be the whole process's, so it is left alone.
export const WORKER_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(WORKER_NICE);
  } catch {
    // a sandbox that forbids it: run at normal priority
  }
}

// A worker: rules compiled and jieba loaded once, then documents in, records out.
parentPort!.on('message', (task: Task) => {
  const rules = rulesFor(task.rulesDir);
  const result = processDocument({ path: task.path, bytes: task.bytes, sha256: task.sha256, rules });
  parentPort!.postMessage({ id: task.id, result: toRecord(result) });
});
