import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportCommand } from '../src/cli/export.js';
import { COLUMNS, WHATS, csvCell, exportText, type ExportOptions } from '../src/export/index.js';
import { ReviewDb } from '../src/review/db.js';
import { openDb } from '../src/stages/10-store/index.js';
import { UsageError } from '../src/stages/01-discover/index.js';
import { HOSTILE_DETAIL, HOSTILE_ENTITY, buildFixture, type Fixture } from './review-fixture.js';

// Exports from a real SQLite fixture: CSV quoting, JSON lines, the review filter, and SQL that
// loads into a real PostgreSQL when the machine has one (Debian's postgresql), else into SQLite.

let fx: Fixture;

const text = (opts: ExportOptions) => {
  const db = openDb(fx.dbPath, { readonly: true });
  try {
    return [...exportText(db, opts)].join('');
  } finally {
    db.close();
  }
};
const jsonl = (what: ExportOptions['what'], reviewed: ExportOptions['reviewed'] = 'any') =>
  text({ what, format: 'jsonl', reviewed }).trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

/** RFC 4180 parser, to read back what we wrote. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Decisions as editors would make them: accept the first hostile fact, reject the second, correct the third. */
function review() {
  const db = openDb(fx.dbPath);
  try {
    const rdb = new ReviewDb(db);
    const { facts, projects } = rdb.getDocument(fx.ids.hostile)!;
    rdb.addReview({ target: 'fact', id: facts[0].id, verdict: 'accept' }, 'wang');
    rdb.addReview({ target: 'fact', id: facts[1].id, verdict: 'reject' }, 'wang');
    rdb.addReview({ target: 'fact', id: facts[2].id, verdict: 'accept' }, 'wang');
    rdb.addReview(
      { target: 'fact', id: facts[2].id, verdict: 'correct', corrected: { value: '1260000000.5', entity: '=HYPERLINK("http://x.example","点我")', year: 2024 } },
      'li',
    );
    rdb.addReview({ target: 'project', id: projects[0].id, verdict: 'accept' }, 'li');
    return facts.map((f) => f.id);
  } finally {
    db.close();
  }
}

beforeEach(() => {
  fx = buildFixture();
});

describe('CSV', () => {
  it('quotes commas, quotes and newlines in Chinese text and reads back exactly', () => {
    const csv = text({ what: 'facts', format: 'csv', reviewed: 'any' });
    expect(csv).toContain('"智能制造产业园""一期"",\n含研发楼"');
    expect(csv.startsWith('\uFEFF')).toBe(false);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(COLUMNS.facts.map(([n]) => n));
    const col = (name: string) => header.indexOf(name);
    const facts = jsonl('facts');
    expect(rows).toHaveLength(facts.length);
    const hostile = rows.filter((r) => r[col('document_id')] === String(fx.ids.hostile));
    expect(hostile.map((r) => r[col('mention_text')])).toEqual(['28个', '186.3亿元', '12.5亿元', '3,600万元']);
    expect(hostile.map((r) => r[col('value')])).toEqual(['28', '18630000000', '1250000000', '36000000']);
    expect(hostile[3][col('entity')]).toBe(HOSTILE_ENTITY);
    expect(hostile[0][col('path')]).toBe('corpus/kaifeng "hostile", 1.txt');
    // the evidence sentence, from the source text
    expect(hostile[2][col('sentence')]).toBe('本次集中开工项目共28个,总投资186.3亿元,其中“智能制造产业园”项目投资12.5亿元。');
    expect(hostile[3][col('sentence')]).toBe('项目负责人说:"我们将于2023年底投产,年产值达3,600万元"。');
    expect(hostile[0][col('verdict')]).toBe('');
    const checks = parseCsv(text({ what: 'checks', format: 'csv', reviewed: 'any' }));
    expect(checks.find((r) => r[0] !== 'id' && r[3] === 'sum' && r[8] === HOSTILE_DETAIL)).toBeTruthy();
  });

  it('for Excel: a BOM, and formulas from article text made inert', () => {
    review();
    const plain = parseCsv(text({ what: 'facts', format: 'csv', reviewed: 'accepted' }));
    const excel = text({ what: 'facts', format: 'csv', reviewed: 'accepted', excel: true });
    expect(excel.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(excel.slice(1));
    const entity = plain[0].indexOf('entity');
    expect(plain[2][entity]).toBe('=HYPERLINK("http://x.example","点我")');
    expect(rows[2][entity]).toBe(`'=HYPERLINK("http://x.example","点我")`);
    expect(csvCell('-5', true)).toBe('-5');
    expect(csvCell('+86 371', true)).toBe("'+86 371");
    expect(csvCell('@SUM(A1)', true)).toBe("'@SUM(A1)");
    expect(csvCell('a"b', false)).toBe('"a""b"');
    expect(csvCell(null)).toBe('');
  });
});

describe('reviews in exports', () => {
  it('any: every row with its latest verdict; corrections applied', () => {
    const ids = review();
    const facts = jsonl('facts').filter((f) => f.document_id === fx.ids.hostile);
    expect(facts.map((f) => f.verdict)).toEqual(['accept', 'reject', 'correct', null]);
    expect(facts[2]).toMatchObject({ id: ids[2], value: '1260000000.5', year: 2024, reviewer: 'li', mention_text: '12.5亿元' });
    expect(JSON.parse(facts[2].corrected as string)).toMatchObject({ value: '1260000000.5' });
    expect(facts[3]).toMatchObject({ value: '36000000', year: 2023, verdict: null, reviewer: null });
    expect(jsonl('projects').find((p) => p.document_id === fx.ids.hostile)).toMatchObject({ verdict: 'accept', name: '智能制造产业园' });
  });

  it('accepted: only accepted or corrected items, and reviews still count after re-extraction', async () => {
    const ids = review();
    const accepted = jsonl('facts', 'accepted');
    expect(accepted.map((f) => f.id)).toEqual([ids[0], ids[2]]);
    expect(accepted[1]).toMatchObject({ value: '1260000000.5', verdict: 'correct' });
    expect(jsonl('projects', 'accepted').map((p) => p.name)).toEqual(['智能制造产业园']);

    const { hostileRecord, seedRecord } = await import('./review-fixture.js');
    fx.rewrite(seedRecord());
    fx.rewrite(hostileRecord());
    const again = jsonl('facts', 'accepted');
    expect(again.map((f) => f.mention_text)).toEqual(['28个', '12.5亿元']);
    expect(again.map((f) => f.id)).not.toEqual([ids[0], ids[2]]);
    expect(again[1]).toMatchObject({ value: '1260000000.5', verdict: 'correct' });
  });
});

describe('JSON lines', () => {
  it('one object a line, values as exact decimal strings', () => {
    const mentions = jsonl('mentions');
    const m = mentions.find((x) => x.text === '186.3亿元');
    expect(m).toMatchObject({ kind: 'money', value: '18630000000', unit: 'CNY', approx: 'exact', value_max: null });
    expect(Object.keys(m!)).toEqual(COLUMNS.mentions.map(([n]) => n));
    const checks = jsonl('checks');
    expect(checks.find((c) => c.detail === HOSTILE_DETAIL)).toMatchObject({ expected: '1250000000', stated: '18630000000', status: 'fail' });
  });
});

describe('the CLI', () => {
  it('writes --out files and refuses bad options', async () => {
    const out = join(fx.dir, 'facts.csv');
    expect(await exportCommand(['--what', 'facts', '--format', 'csv', '--excel', '--db', fx.dbPath, '--out', out])).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFid,document_id,path')).toBe(true);
    expect(parseCsv(csv.slice(1)).length).toBe(jsonl('facts').length + 1);
    const bad = [
      ['--what', 'people', '--db', fx.dbPath],
      ['--format', 'csv', '--db', fx.dbPath],
      ['--what', 'facts', '--format', 'xml', '--db', fx.dbPath],
      ['--what', 'mentions', '--reviewed', 'accepted', '--db', fx.dbPath],
      ['--what', 'facts', '--reviewed', 'yes', '--db', fx.dbPath],
      ['--what', 'facts', '--format', 'sql', '--excel', '--db', fx.dbPath],
      ['--what', 'facts', '--db', join(fx.dir, 'missing.sqlite')],
      ['--what', 'facts', '--nope', '--db', fx.dbPath],
    ];
    for (const argv of bad) await expect(exportCommand(argv), argv.join(' ')).rejects.toBeInstanceOf(UsageError);
  });
});

// ---- SQL into a real database -------------------------------------------------------------------

function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
    const bin = join(root, v, 'bin');
    if (['initdb', 'pg_ctl', 'psql'].every((b) => existsSync(join(bin, b)))) return bin;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A throwaway PostgreSQL cluster in a temp dir (as the postgres user when we are root: initdb refuses root). */
async function startPostgres(bin: string) {
  const dir = mkdtempSync(join(tmpdir(), 'newsfacts-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const pg = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { encoding: 'utf8', stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { encoding: 'utf8', stdio: 'pipe' });
  const data = join(dir, 'data');
  const port = await freePort();
  pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  pg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=''`, 'start']);
  const psql = (args: string[], input?: string) =>
    execFileSync(join(bin, 'psql'), ['-X', '-q', '-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', ...args], {
      encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'],
    });
  return {
    version: psql(['-tA', '-c', 'SHOW server_version']).trim(),
    load: (sql: string) => psql(['-f', '-'], sql),
    query: (sql: string) => psql(['-tA', '-F', '\t', '-c', sql]).replace(/\n+$/, '').split('\n').filter(Boolean).map((l) => l.split('\t')),
    stop() {
      try {
        pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

describe('SQL', () => {
  const bin = pgBin();
  let pg: Awaited<ReturnType<typeof startPostgres>> | undefined;
  beforeAll(async () => {
    if (bin) pg = await startPostgres(bin);
    console.log(pg ? `SQL export test: loading into PostgreSQL ${pg.version} (${bin})` : 'SQL export test: no PostgreSQL found, loading into SQLite instead');
  }, 120_000);
  afterAll(() => pg?.stop());

  it(`loads every export as is, values exact NUMERIC, text intact (${bin ? 'PostgreSQL' : 'SQLite fallback'})`, () => {
    review();
    const sql = Object.fromEntries(WHATS.map((what) => [what, text({ what, format: 'sql', reviewed: 'any' })]));
    const expected = Object.fromEntries(WHATS.map((what) => [what, jsonl(what)]));
    expect(sql.facts).toMatch(/value NUMERIC/);
    expect(sql.facts).not.toMatch(/'18630000000'/); // NUMERIC literals, not strings

    if (pg) {
      for (const what of WHATS) pg.load(sql[what]);
      for (const what of WHATS) expect(pg.query(`SELECT count(*) FROM ${what}`)).toEqual([[String(expected[what].length)]]);
      expect(pg.query("SELECT DISTINCT pg_typeof(value)::text FROM facts")).toEqual([['numeric']]);
      // every value back exactly as the string it was exported from
      const values = pg.query('SELECT id, value::text, coalesce(value_max::text, \'\') FROM facts ORDER BY id');
      expect(values).toEqual(
        [...expected.facts].sort((a, b) => (a.id as number) - (b.id as number)).map((f) => [String(f.id), f.value, f.value_max ?? '']),
      );
      expect(pg.query("SELECT value::text FROM facts WHERE verdict = 'correct'")).toEqual([['1260000000.5']]);
      const entity = pg.query("SELECT encode(convert_to(entity, 'UTF8'), 'hex') FROM facts WHERE entity LIKE '智能制造产业园\"一期\"%'");
      expect(Buffer.from(entity[0][0], 'hex').toString('utf8')).toBe(HOSTILE_ENTITY);
      const detail = pg.query("SELECT encode(convert_to(detail, 'UTF8'), 'hex') FROM checks WHERE kind = 'sum' AND detail LIKE '部分之和%'");
      expect(Buffer.from(detail[0][0], 'hex').toString('utf8')).toBe(HOSTILE_DETAIL);
      expect(pg.query("SELECT sum(expected)::text FROM checks WHERE detail LIKE '部分之和%'")).toEqual([['1250000000']]);
      // loading twice fails whole (a transaction), never half-appends
      expect(() => pg!.load(sql.facts)).toThrow(/already exists/);
      expect(pg.query('SELECT count(*) FROM facts')).toEqual([[String(expected.facts.length)]]);
    } else {
      const db = new Database(':memory:');
      for (const what of WHATS) db.exec(sql[what].replace(/^SET .*$/gm, ''));
      for (const what of WHATS) expect(db.prepare(`SELECT count(*) AS n FROM ${what}`).get()).toEqual({ n: expected[what].length });
      const e = db.prepare("SELECT entity FROM facts WHERE entity LIKE '智能制造产业园\"一期\"%'").get() as { entity: string };
      expect(e.entity).toBe(HOSTILE_ENTITY);
      db.close();
    }
  });
});
