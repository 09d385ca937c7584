// npm run bench [-- --mb N] [--out FILE]
// Builds a synthetic corpus from our corpus/ articles (numbers varied, so every file is distinct),
// then in one run measures, each as a separate process on the same files:
//   floor      nodejieba cutting the same texts (the cost we cannot go below)
//   jobs1      extract --jobs 1
//   jobs2      extract --jobs 2
//   rerun      extract again on the unchanged corpus (everything skipped)
//   jobs2_4x   extract --jobs 2 on a corpus 4× larger (memory must stay flat)
// and prints ratios, documents/s, MB/s, peak RSS and CPU time by thread. Ratios within one run, never
// absolute times.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { synthesise } from './synthesise.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Measure {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  /** CPU seconds by thread: this process's main thread (for extract: reading, hashing and the one writer),
   *  the worker threads, and the rest (V8's compiler and collector, libuv's pool) */
  threads: { main: number; workers: number; other: number };
  code: number | null;
}

// /proc/<pid>/stat counts CPU time in clock ticks; 100 a second on every Linux this runs on
const TICKS_PER_S = 100;

/** utime + stime of a /proc stat line, in ticks */
function ticksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Runs a command, polling /proc for its peak resident set (VmHWM) and the CPU time of each of its threads
 * (user + system). CPU time shows what wall time hides: on two cores, --jobs 2 cannot take less wall time
 * than half the CPU time it needs, and the split by thread shows whose time that is. Worker threads are the
 * last `workers` threads the process starts (Linux numbers threads in order; V8's and libuv's threads start
 * before the first document is dispatched). Polled every 20 ms, so the last 20 ms of CPU may be missed.
 */
function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, workers = 0): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKb = 0;
    let cpuTicks = 0;
    const threadTicks = new Map<number, number>();
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        cpuTicks = Math.max(cpuTicks, ticksOf(readFileSync(`/proc/${child.pid}/stat`, 'utf8')));
        for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
          try {
            const ticks = ticksOf(readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8'));
            threadTicks.set(Number(tid), Math.max(threadTicks.get(Number(tid)) ?? 0, ticks));
          } catch {
            // the thread has just ended
          }
        }
      } catch {
        // the process has just exited
      }
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const tids = [...threadTicks.keys()].sort((x, y) => x - y);
      const workerTids = new Set(workers ? tids.filter((t) => t !== child.pid).slice(-workers) : []);
      const threads = { main: 0, workers: 0, other: 0 };
      for (const [tid, ticks] of threadTicks) {
        const key = tid === child.pid ? 'main' : workerTids.has(tid) ? 'workers' : 'other';
        threads[key] += ticks / TICKS_PER_S;
      }
      resolve({
        seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakRssMb: peakKb / 1024, cpuSeconds: cpuTicks / TICKS_PER_S, threads, code,
      });
    });
  });
}

/**
 * The runtime settings on the CLI's `#!/usr/bin/env -S VAR=value node --flag` line, so the floor runs
 * under the same ones as `extract` (which is run as users run it, through that line).
 */
function launcherSettings(launcher: string): { env: NodeJS.ProcessEnv; nodeArgs: string[] } {
  const words = launcher.replace(/^#!\S*env -S\s*/, '').split(/\s+/);
  const node = words.indexOf('node');
  const env = { ...process.env };
  for (const w of words.slice(0, Math.max(node, 0))) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
  return { env, nodeArgs: node >= 0 ? words.slice(node + 1) : [] };
}

async function main() {
  const { values } = parseArgs({ options: { mb: { type: 'string' }, out: { type: 'string' }, keep: { type: 'boolean' } } });
  const mb = Number(values.mb ?? 30);
  const out = values.out ?? join(ROOT, 'bench', 'results.json');
  const work = mkdtempSync(join(tmpdir(), 'newsfacts-bench-'));
  const small = join(work, 'corpus');
  const large = join(work, 'corpus4x');
  const cli = join(ROOT, 'bin', 'newsfacts.js');
  try {
    const a = synthesise(small, mb * 1e6, 1);
    const b = synthesise(large, 4 * mb * 1e6, 2);
    console.log(`bench: ${a.files} files, ${(a.bytes / 1e6).toFixed(1)} MB (and ${(b.bytes / 1e6).toFixed(1)} MB for the 4× run)`);

    const launcher = readFileSync(cli, 'utf8').split('\n')[0];
    const { env, nodeArgs } = launcherSettings(launcher);
    const floor = await measure(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'bench', 'cut-only.js'), small], env);
    const jobs1 = await measure(cli, ['extract', small, '--db', join(work, 'j1.sqlite'), '--jobs', '1', '--quiet'], process.env, 1);
    const jobs2 = await measure(cli, ['extract', small, '--db', join(work, 'j2.sqlite'), '--jobs', '2', '--quiet'], process.env, 2);
    // a rerun skips every file before any worker starts
    const rerun = await measure(cli, ['extract', small, '--db', join(work, 'j2.sqlite'), '--jobs', '2', '--quiet'], process.env, 0);
    const jobs2x4 = await measure(cli, ['extract', large, '--db', join(work, 'j4.sqlite'), '--jobs', '2', '--quiet'], process.env, 2);
    for (const [name, m] of Object.entries({ floor, jobs1, jobs2, rerun, jobs2x4 })) {
      if (m.code !== 0) throw new Error(`bench: ${name} exited ${m.code}`);
    }

    const mbps = (m: Measure, bytes = a.bytes) => bytes / 1e6 / m.seconds;
    const row = (m: Measure, files = a.files, bytes = a.bytes) => ({
      seconds: +m.seconds.toFixed(2),
      docs_per_s: +(files / m.seconds).toFixed(1),
      mb_per_s: +mbps(m, bytes).toFixed(2),
      peak_rss_mb: +m.peakRssMb.toFixed(0),
      cpu_seconds: +m.cpuSeconds.toFixed(2),
      cpu_seconds_by_thread: {
        main: +m.threads.main.toFixed(2), workers: +m.threads.workers.toFixed(2), other: +m.threads.other.toFixed(2),
      },
    });
    const results = {
      launcher,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memory_gb: +(totalmem() / 2 ** 30).toFixed(0), node: process.version },
      corpus: { files: a.files, mb: +(a.bytes / 1e6).toFixed(1), files_4x: b.files, mb_4x: +(b.bytes / 1e6).toFixed(1) },
      runs: { floor_cut_only: row(floor), jobs1: row(jobs1), jobs2: row(jobs2), rerun: row(rerun), jobs2_4x: row(jobs2x4, b.files, b.bytes) },
      ratios: {
        jobs1_over_floor: +(jobs1.seconds / floor.seconds).toFixed(2),
        jobs2_over_jobs1: +(jobs2.seconds / jobs1.seconds).toFixed(2),
        rerun_over_jobs1: +(rerun.seconds / jobs1.seconds).toFixed(3),
        rss_4x_over_1x: +(jobs2x4.peakRssMb / jobs2.peakRssMb).toFixed(2),
        // the least jobs2 / jobs1 could be on this machine: all of jobs2's CPU time spread over every core
        jobs2_cpu_bound_over_jobs1: +(jobs2.cpuSeconds / cpus().length / jobs1.seconds).toFixed(2),
      },
      targets: { jobs1_over_floor: 1.5, jobs2_over_jobs1: 0.55, rerun_over_jobs1: 0.1, peak_rss_mb: 300, rss_4x_over_1x: 1.2 },
    };
    writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    console.log(JSON.stringify(results, null, 2));
    console.log(`bench: results written to ${out}`);
    if (values.keep) console.log(`bench: corpus kept in ${work}`);
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
