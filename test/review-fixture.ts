// A real SQLite database for the review and export tests, written through the Store: one seed
// article with its gold annotations as the "extraction", one hostile article (markup, quotes,
// commas and newlines in Chinese text), and one failed document.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check, Fact, Kind, Mention, Project } from '../src/model.js';
import { Store, type DocumentRecord } from '../src/stages/10-store/index.js';

const CORPUS = new URL('../corpus/', import.meta.url).pathname;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function mention(source: string, text: string, kind: Kind, value: string, unit: string | null, from = 0): Mention {
  const start = source.indexOf(text, from);
  if (start < 0) throw new Error(`fixture: "${text}" not in source`);
  return { start, end: start + text.length, nStart: 0, nEnd: 0, text, kind, value, valueMax: null, unit, approx: 'exact', rule: 'fixture' };
}

interface GoldMention {
  start: number; end: number; text: string; kind: Kind; value: string; value_max: string | null; unit: string | null;
  approx: Mention['approx'];
  fact: null | { metric: Fact['metric']; region: string[] | null; entity: string[] | null; batch: Fact['batch']; phase: string | null; year: number | null };
}

/** An article of our corpus, "extracted" as its gold file says (so text and spans are real). */
export function seedRecord(): DocumentRecord {
  const name = '001_yanshi_sangeyipi';
  const source = readFileSync(join(CORPUS, `${name}.txt`), 'utf8').replace(/^\uFEFF/, '');
  const gold = JSON.parse(readFileSync(join(CORPUS, 'gold', `${name}.json`), 'utf8')) as {
    mentions: GoldMention[]; projects: { name: string; start: number; end: number; batch: Project['batch']; phase: string | null }[];
  };
  for (const m of gold.mentions) {
    if (source.slice(m.start, m.end) !== m.text) throw new Error(`fixture: gold span ${m.start}-${m.end} of ${name} is not "${m.text}"`);
  }
  const mentions: Mention[] = gold.mentions.map((m) => ({
    start: m.start, end: m.end, nStart: 0, nEnd: 0, text: m.text, kind: m.kind, value: m.value, valueMax: m.value_max,
    unit: m.unit, approx: m.approx, rule: 'gold',
  }));
  const facts: Fact[] = gold.mentions.flatMap((m, i) =>
    m.fact
      ? [{ mention: i, metric: m.fact.metric, region: m.fact.region?.[0] ?? null, entity: m.fact.entity?.[0] ?? null,
          batch: m.fact.batch, phase: m.fact.phase, year: m.fact.year, rule: 'gold' }]
      : [],
  );
  const projects: Project[] = gold.projects.map((p) => ({ ...p, nStart: 0, nEnd: 0, rule: 'gold' }));
  const checks: Check[] = facts.length >= 2
    ? [{ kind: 'sum', status: 'fail', expected: '1', stated: '2', facts: [0, 1], detail: 'fixture check' }]
    : [];
  return { path: `corpus/${name}.txt`, sha256: sha(source), encoding: 'utf-8', title: source.split('\n')[0].slice(0, 30), source, mentions, projects, facts, checks };
}

export const HOSTILE_TITLE = '开封市重大项目集中开工<script>window.__pwned = 1</script>';
export const HOSTILE_ENTITY = '智能制造产业园"一期",\n含研发楼';
export const HOSTILE_DETAIL = '部分之和 12.5亿元 ≠ 总投资 186.3亿元,"待核"\n请复核';

/** An article whose text carries markup, quotes, commas and newlines. */
export function hostileRecord(): DocumentRecord {
  const source =
    `${HOSTILE_TITLE}\n` +
    '本次集中开工项目共28个,总投资186.3亿元,其中“智能制造产业园”项目投资12.5亿元。<img src=x onerror="window.__pwned = 2">\n' +
    '项目负责人说:"我们将于2023年底投产,年产值达3,600万元"。\n';
  const mentions = [
    mention(source, '28个', 'count', '28', '个'),
    mention(source, '186.3亿元', 'money', '18630000000', 'CNY'),
    mention(source, '12.5亿元', 'money', '1250000000', 'CNY'),
    mention(source, '3,600万元', 'money', '36000000', 'CNY'),
  ];
  const f = (m: number, metric: Fact['metric'], entity: string | null): Fact =>
    ({ mention: m, metric, region: '开封市', entity, batch: 'started', phase: null, year: 2023, rule: 'fixture' });
  const facts = [f(0, 'project_count', null), f(1, 'total_investment', null), f(2, 'total_investment', '智能制造产业园'), f(3, 'output_value', HOSTILE_ENTITY)];
  const pStart = source.indexOf('智能制造产业园');
  const projects: Project[] = [{ name: '智能制造产业园', start: pStart, end: pStart + 7, nStart: 0, nEnd: 0, batch: 'started', phase: null, rule: 'fixture' }];
  const checks: Check[] = [{ kind: 'sum', status: 'fail', expected: '1250000000', stated: '18630000000', facts: [1, 2], detail: HOSTILE_DETAIL }];
  return { path: 'corpus/kaifeng "hostile", 1.txt', sha256: sha(source), encoding: 'utf-8', title: HOSTILE_TITLE, source, mentions, projects, facts, checks };
}

export interface Fixture {
  dir: string;
  dbPath: string;
  ids: { seed: number; hostile: number; failed: number };
  /** Writes a record again as a new run would (rows deleted and re-inserted with new ids). */
  rewrite(record: DocumentRecord): number;
}

export function buildFixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'newsfacts-review-'));
  const dbPath = join(dir, 'r.sqlite');
  const store = new Store(dbPath);
  const write = (r: Parameters<Store['writeDocument']>[0]) => {
    const run = store.beginRun('rules-v1', ['fixture']);
    const id = store.writeDocument(r, run, 'rules-v1', { bytes: 100, mtimeMs: 0 });
    store.finishRun(run, 'done', { ok: 1, failed: 0, skipped: 0 });
    return id;
  };
  const ids = {
    seed: write({ status: 'ok', doc: seedRecord() }),
    hostile: write({ status: 'ok', doc: hostileRecord() }),
    failed: write({ status: 'failed', path: 'corpus/broken.txt', sha256: sha('broken'), encoding: null, error: 'not text: the file looks binary (PDF?)' }),
  };
  store.close();
  return {
    dir,
    dbPath,
    ids,
    rewrite(record) {
      const s = new Store(dbPath);
      try {
        const run = s.beginRun('rules-v2', ['--force']);
        const id = s.writeDocument({ status: 'ok', doc: record }, run, 'rules-v2', { bytes: 100, mtimeMs: 0 });
        s.finishRun(run, 'done', { ok: 1, failed: 0, skipped: 0 });
        return id;
      } finally {
        s.close();
      }
    },
  };
}
