import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/pipeline.js';
import { cli, tempDir } from './helpers/cli.js';

// Crash-safety with a real child process and a real SQLite file: SIGINT, a second SIGINT and
// kill -9 mid-run, then a rerun that completes the rest with no duplicates.

const MENTIONS_PER_DOC = 4;
function article(i: number): string {
  // four quantities per article, numbers varied so every file is distinct
  const para = `第${i}号样本:该区纳入"三个一批"项目共${10 + (i % 90)}个,总投资${100 + i}.5亿元,同比增长${(i % 30) + 1}.2%,高于全市${(i % 5) + 1}.1个百分点。`;
  return Array.from({ length: 20 }, () => '全区上下持续优化营商环境,推动项目早开工、早投产、早达效。').join('') + para;
}

function corpus(n: number): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'in'));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'in', `a${String(i).padStart(5, '0')}.txt`), article(i));
  return dir;
}

function query<T>(db: string, sql: string): T[] {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare(sql).all() as T[];
  } finally {
    d.close();
  }
}

const docCount = (db: string) => {
  if (!existsSync(db)) return 0;
  try {
    return query<{ n: number }>(db, "SELECT count(*) AS n FROM documents WHERE status = 'ok'")[0].n;
  } catch {
    return 0; // schema not created yet
  }
};

/** Starts extract, waits until `after` documents are stored, then sends the signals. */
async function interruptAfter(dir: string, db: string, after: number, signals: NodeJS.Signals[]): Promise<number | null> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/newsfacts.js'), 'extract', 'in', '--db', db, '--jobs', '1'], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, sig) => resolve(code ?? (sig ? -1 : null))));
  const deadline = Date.now() + 60_000;
  while (docCount(db) < after && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  for (const s of signals) child.kill(s);
  return exited;
}

function assertWholeDocuments(db: string) {
  expect(query<{ integrity_check: string }>(db, 'PRAGMA integrity_check')[0].integrity_check).toBe('ok');
  const partial = query<{ id: number; n: number }>(
    db,
    "SELECT d.id, count(m.id) AS n FROM documents d LEFT JOIN mentions m ON m.document_id = d.id WHERE d.status = 'ok' GROUP BY d.id HAVING n != " + MENTIONS_PER_DOC,
  );
  expect(partial).toEqual([]);
  const dupes = query(db, 'SELECT path, count(*) AS n FROM documents GROUP BY path HAVING n > 1');
  expect(dupes).toEqual([]);
}

describe('resume and interruption', () => {
  it('SIGINT stops taking documents, commits, marks the run interrupted and exits 130; a rerun completes', async () => {
    const dir = corpus(600);
    const db = join(dir, 'x.sqlite');
    const code = await interruptAfter(dir, db, 20, ['SIGINT']);
    expect(code).toBe(130);
    const done = docCount(db);
    expect(done).toBeGreaterThanOrEqual(20);
    expect(done).toBeLessThan(600);
    assertWholeDocuments(db);
    expect(query<{ status: string }>(db, 'SELECT status FROM runs')[0].status).toBe('interrupted');

    const rerun = cli(['extract', 'in', '--db', db], { cwd: dir });
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toContain(`documents ${600 - done} ok, 0 failed, ${done} skipped`);
    expect(docCount(db)).toBe(600);
    assertWholeDocuments(db);
  });

  it('a second SIGINT exits at once, still without a half-written document', async () => {
    const dir = corpus(600);
    const db = join(dir, 'x.sqlite');
    const code = await interruptAfter(dir, db, 10, ['SIGINT', 'SIGINT']);
    expect(code).toBe(130);
    assertWholeDocuments(db);
    expect(docCount(db)).toBeLessThan(600);
  });

  it('kill -9 mid-run leaves a sound database with whole documents; a rerun completes with no duplicates', async () => {
    const dir = corpus(600);
    const db = join(dir, 'x.sqlite');
    await interruptAfter(dir, db, 30, ['SIGKILL']);
    const done = docCount(db);
    expect(done).toBeLessThan(600);
    assertWholeDocuments(db);
    const rerun = cli(['extract', 'in', '--db', db, '--quiet'], { cwd: dir });
    expect(rerun.status).toBe(0);
    expect(docCount(db)).toBe(600);
    assertWholeDocuments(db);
  });

  it('a corpus with a few broken files among many finishes, lists them and exits 1', () => {
    const dir = corpus(300);
    writeFileSync(join(dir, 'in', 'broken1.txt'), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(dir, 'in', 'broken2.txt'), '');
    writeFileSync(join(dir, 'in', 'broken3.txt'), Buffer.from([0x41, 0xff, 0x41]));
    const db = join(dir, 'x.sqlite');
    const r = cli(['extract', 'in', '--db', db, '--jobs', '2'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('documents 300 ok, 3 failed');
    for (const f of ['broken1.txt', 'broken2.txt', 'broken3.txt']) expect(r.stdout).toContain(`failed: in/${f}:`);
    expect(r.stdout).not.toContain('more failed');
    assertWholeDocuments(db);
  });

  it('a corpus with many broken files names the first 20 and says where the rest are', () => {
    const dir = corpus(10);
    for (let i = 0; i < 45; i++) writeFileSync(join(dir, 'in', `broken${i}.txt`), Buffer.from([0, 1, 2, i]));
    const db = join(dir, 'x.sqlite');
    const r = cli(['extract', 'in', '--db', db, '--jobs', '2'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('documents 10 ok, 45 failed');
    expect(r.stdout.match(/^ {2}failed: /gm)).toHaveLength(20);
    expect(r.stdout).toContain(`…and 25 more failed; all are listed by: sqlite3 ${db} "SELECT path, error FROM documents WHERE status = 'failed'"`);
    expect(query<{ n: number }>(db, "SELECT count(*) AS n FROM documents WHERE status = 'failed'")[0].n).toBe(45);
  });
});

/** nice value of each thread of a live process (Linux /proc: field 19 of task/TID/stat) */
function threadNice(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      out.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // the thread ended while we read
    }
  }
  return out;
}

describe.runIf(process.platform === 'linux')('worker priority', () => {
  it('with --jobs 2 the two workers yield the CPU (nice 10); the writer keeps its priority', async () => {
    const dir = corpus(600);
    const db = join(dir, 'x.sqlite');
    const child = spawn(process.execPath, [join(ROOT, 'bin/newsfacts.js'), 'extract', 'in', '--db', db, '--jobs', '2'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let seen = new Map<number, number>();
    const deadline = Date.now() + 60_000;
    // documents stored means both workers are running
    while (docCount(db) < 20 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    if (child.exitCode === null) seen = threadNice(child.pid!);
    child.kill('SIGKILL');
    await exited;
    expect(seen.get(child.pid!)).toBe(0); // the main thread: the writer
    expect([...seen.values()].filter((n) => n === 10)).toHaveLength(2);
  });
});
