import type { Db } from '../stages/10-store/index.js';
import { paragraphs, sentences } from '../stages/04-split/index.js';
import type { Span } from '../model.js';
import { UsageError } from '../stages/01-discover/index.js';
import { LATEST_REVIEWS, REVIEW_OF_FACT, REVIEW_OF_PROJECT } from '../review/db.js';

// Records for data teams, streamed row by row: CSV (RFC 4180, optionally for Excel), JSON lines,
// or PostgreSQL DDL + INSERTs. Values stay exact decimal strings (NUMERIC in SQL). Facts and
// projects carry their latest review; a correction's fields replace the extracted ones.

export const WHATS = ['facts', 'mentions', 'projects', 'checks'] as const;
export const FORMATS = ['csv', 'jsonl', 'sql'] as const;
export type What = (typeof WHATS)[number];
export type Format = (typeof FORMATS)[number];

export interface ExportOptions {
  what: What;
  format: Format;
  /** 'accepted': only facts/projects whose latest verdict is accept or correct. */
  reviewed: 'accepted' | 'any';
  /** CSV for Excel: a BOM, and text that Excel would run as a formula is prefixed with '. */
  excel?: boolean;
}

type ColumnType = 'id' | 'int' | 'numeric' | 'text';
type Row = Record<string, string | number | null>;

const REVIEW_COLUMNS: [string, ColumnType][] = [
  ['verdict', 'text'], ['reviewer', 'text'], ['reviewed_at', 'text'], ['corrected', 'text'],
];

/** Each export's columns, in order, with their SQL types. */
export const COLUMNS: Record<What, [string, ColumnType][]> = {
  facts: [
    ['id', 'id'], ['document_id', 'id'], ['path', 'text'], ['sha256', 'text'], ['mention_id', 'id'],
    ['mention_text', 'text'], ['kind', 'text'], ['char_start', 'int'], ['char_end', 'int'],
    ['value', 'numeric'], ['value_max', 'numeric'], ['unit', 'text'], ['approx', 'text'],
    ['metric', 'text'], ['region', 'text'], ['entity', 'text'], ['batch', 'text'], ['phase', 'text'],
    ['year', 'int'], ['rule', 'text'], ['sentence', 'text'], ...REVIEW_COLUMNS,
  ],
  mentions: [
    ['id', 'id'], ['document_id', 'id'], ['path', 'text'], ['kind', 'text'], ['text', 'text'],
    ['char_start', 'int'], ['char_end', 'int'], ['value', 'numeric'], ['value_max', 'numeric'],
    ['unit', 'text'], ['approx', 'text'], ['rule', 'text'],
  ],
  projects: [
    ['id', 'id'], ['document_id', 'id'], ['path', 'text'], ['sha256', 'text'], ['name', 'text'],
    ['char_start', 'int'], ['char_end', 'int'], ['batch', 'text'], ['phase', 'text'], ['rule', 'text'],
    ...REVIEW_COLUMNS,
  ],
  checks: [
    ['id', 'id'], ['document_id', 'id'], ['path', 'text'], ['kind', 'text'], ['status', 'text'],
    ['expected', 'numeric'], ['stated', 'numeric'], ['fact_ids', 'text'], ['detail', 'text'],
  ],
};

const REVIEW_SELECT = 'r.verdict, r.reviewer, r.created_at AS reviewed_at, r.corrected';
const ACCEPTED = "r.verdict IN ('accept', 'correct')";

function query(what: What, accepted: boolean): string {
  const only = accepted ? `WHERE ${ACCEPTED}` : '';
  switch (what) {
    case 'facts':
      return `SELECT f.id, f.document_id, d.path, d.sha256, f.mention_id, m.text AS mention_text, m.kind,
          m.char_start, m.char_end, m.value, m.value_max, m.unit, m.approx, f.metric, f.region, f.entity,
          f.batch, f.phase, f.year, f.rule, ${REVIEW_SELECT}
        FROM facts f JOIN mentions m ON m.id = f.mention_id JOIN documents d ON d.id = f.document_id
        LEFT JOIN ${LATEST_REVIEWS} r ON ${REVIEW_OF_FACT}
        ${only} ORDER BY f.document_id, m.char_start, m.char_end, f.id`;
    case 'projects':
      return `SELECT p.id, p.document_id, d.path, d.sha256, p.name, p.char_start, p.char_end, p.batch, p.phase,
          p.rule, ${REVIEW_SELECT}
        FROM projects p JOIN documents d ON d.id = p.document_id
        LEFT JOIN ${LATEST_REVIEWS} r ON ${REVIEW_OF_PROJECT}
        ${only} ORDER BY p.document_id, p.char_start, p.id`;
    case 'mentions':
      return `SELECT m.id, m.document_id, d.path, m.kind, m.text, m.char_start, m.char_end, m.value, m.value_max,
          m.unit, m.approx, m.rule
        FROM mentions m JOIN documents d ON d.id = m.document_id ORDER BY m.document_id, m.char_start, m.id`;
    case 'checks':
      return `SELECT c.id, c.document_id, d.path, c.kind, c.status, c.expected, c.stated, c.fact_ids, c.detail
        FROM checks c JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.id`;
  }
}

/** The sentence of `source` around offset `at`, found with the pipeline's own sentence splitter. */
function sentenceFinder(db: Db) {
  const sourceOf = db.prepare('SELECT source FROM documents WHERE id = ?').pluck();
  let cached: { id: number; source: string; spans: Span[] } | undefined;
  return (documentId: number, at: number): string | null => {
    if (cached?.id !== documentId) {
      const source = (sourceOf.get(documentId) as string | null) ?? '';
      cached = { id: documentId, source, spans: sentences(source, paragraphs(source)) };
    }
    const { source, spans } = cached;
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].nEnd <= at) lo = mid + 1;
      else if (spans[mid].nStart > at) hi = mid - 1;
      else return source.slice(spans[mid].nStart, spans[mid].nEnd).trim();
    }
    return null;
  };
}

/** Editors review facts and projects only, so only those can be limited to accepted ones. */
export function checkReviewed(what: What, reviewed: 'accepted' | 'any'): void {
  if (reviewed === 'accepted' && (what === 'mentions' || what === 'checks')) {
    throw new UsageError(`--reviewed accepted applies to facts and projects (editors review those), not ${what}`);
  }
}

/** The rows of one export, with the latest correction applied and evidence sentences joined in. */
export function* exportRows(db: Db, what: What, reviewed: 'accepted' | 'any'): Generator<Row> {
  checkReviewed(what, reviewed);
  const sentence = what === 'facts' ? sentenceFinder(db) : undefined;
  for (const row of db.prepare(query(what, reviewed === 'accepted')).iterate() as IterableIterator<Row>) {
    if (row.verdict === 'correct' && typeof row.corrected === 'string') {
      Object.assign(row, JSON.parse(row.corrected) as Row);
    }
    if (sentence) row.sentence = sentence(row.document_id as number, row.char_start as number);
    yield row;
  }
}

// ---- formats ---------------------------------------------------------------------------------

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function csvCell(v: string | number | null, excel = false): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  // Excel runs a cell that starts with = + - @ (or a tab/CR) as a formula: article text is untrusted.
  if (excel && typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !DECIMAL.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function sqlLiteral(v: string | number | null, type: ColumnType): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if ((type === 'numeric' || type === 'int' || type === 'id') && DECIMAL.test(v)) return v;
  // PostgreSQL text cannot hold NUL; standard_conforming_strings is on, so only ' needs doubling.
  return `'${v.replace(/\0/g, '\uFFFD').replace(/'/g, "''")}'`;
}

const SQL_TYPES: Record<ColumnType, string> = { id: 'BIGINT', int: 'INTEGER', numeric: 'NUMERIC', text: 'TEXT' };
const INSERT_BATCH = 500;

/** The export as chunks of text, ready to write. */
export function* exportText(db: Db, opts: ExportOptions): Generator<string> {
  const columns = COLUMNS[opts.what];
  const names = columns.map(([n]) => n);
  const rows = exportRows(db, opts.what, opts.reviewed);
  if (opts.format === 'csv') {
    const line = (cells: (string | number | null)[]) => cells.map((c) => csvCell(c, opts.excel)).join(',') + '\r\n';
    yield (opts.excel ? '\uFEFF' : '') + line(names);
    for (const row of rows) yield line(names.map((n) => row[n] ?? null));
  } else if (opts.format === 'jsonl') {
    for (const row of rows) yield JSON.stringify(Object.fromEntries(names.map((n) => [n, row[n] ?? null]))) + '\n';
  } else {
    const table = opts.what;
    yield `-- newsfacts export: ${table} (reviewed: ${opts.reviewed}), ${new Date().toISOString()}\n` +
      `-- Load with: psql -v ON_ERROR_STOP=1 -f FILE\n` +
      `SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\n` +
      `CREATE TABLE ${table} (\n` +
      columns.map(([n, t]) => `  ${n} ${SQL_TYPES[t]}${n === 'id' ? ' PRIMARY KEY' : ''}`).join(',\n') +
      '\n);\n';
    const head = `INSERT INTO ${table} (${names.join(', ')}) VALUES\n`;
    let batch: string[] = [];
    const flush = () => {
      const out = head + batch.join(',\n') + ';\n';
      batch = [];
      return out;
    };
    for (const row of rows) {
      batch.push(`(${columns.map(([n, t]) => sqlLiteral(row[n] ?? null, t)).join(', ')})`);
      if (batch.length === INSERT_BATCH) yield flush();
    }
    if (batch.length) yield flush();
    yield 'COMMIT;\n';
  }
}
