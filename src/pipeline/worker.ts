import { parentPort } from 'node:worker_threads';
import { rulesFor } from '../rules/load.js';
import { processDocument } from './document-machine.js';
import { toRecord, type Task } from './pool.js';

// A worker: rules compiled and jieba loaded once, then documents in, records out.
parentPort!.on('message', (task: Task) => {
  const rules = rulesFor(task.rulesDir);
  const result = processDocument({ path: task.path, bytes: task.bytes, sha256: task.sha256, rules });
  parentPort!.postMessage({ id: task.id, result: toRecord(result) });
});
