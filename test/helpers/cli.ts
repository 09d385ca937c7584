import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './pipeline.js';

/** Runs the built CLI (npm test builds first) as a user would: the executable, through its #! line. */
export function cli(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(join(ROOT, 'bin/newsfacts.js'), args, {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: 120_000,
  });
}

export function tempDir(prefix = 'newsfacts-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
