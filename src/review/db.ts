import { z } from 'zod';
import { BATCHES, METRICS } from '../model.js';
import type { Db } from '../stages/10-store/index.js';

// Reads for the review page and the one write it makes: a row in `reviews`. A review names its
// target by stable identity (document sha256 + natural key), never only by row id, because
// re-extraction deletes and re-inserts facts and projects with new ids.

export const VERDICTS = ['accept', 'reject', 'correct'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type Target = 'fact' | 'project';

/** The latest review of each target (the one that counts), as a subquery: every column of `reviews`. */
export const LATEST_REVIEWS = `(SELECT * FROM (
  SELECT r.*, row_number() OVER (
    PARTITION BY r.sha256, r.target, r.char_start, r.char_end, r.metric, r.name ORDER BY r.id DESC) AS rn
  FROM reviews r) WHERE rn = 1)`;

/** Join conditions of a review alias `r` to a fact (`f`, its mention `m`, its document `d`), or to a project `p`. */
export const REVIEW_OF_FACT = `r.sha256 = d.sha256 AND r.target = 'fact' AND r.char_start = m.char_start
  AND r.char_end = m.char_end AND r.metric = f.metric`;
export const REVIEW_OF_PROJECT = `r.sha256 = d.sha256 AND r.target = 'project' AND r.char_start = p.char_start
  AND r.name = p.name`;

// ---- what editors may send -------------------------------------------------------------------

const id = z.int().positive();
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'an exact decimal such as 18630000000 or 3.5');
const slot = z.string().trim().min(1).max(200).nullable();
const phase = z.string().trim().regex(/^\d+(-\d+)?$/, 'a phase such as "7" or "1-6"').nullable();
const batch = z.enum(BATCHES).nullable();
const atLeastOne = (o: object) => Object.keys(o).length > 0;

export const factCorrection = z
  .strictObject({
    value: decimal,
    value_max: decimal.nullable(),
    metric: z.enum(METRICS),
    region: slot,
    entity: slot,
    batch,
    phase,
    year: z.int().min(1900).max(2100).nullable(),
  })
  .partial()
  .refine(atLeastOne, 'a correction names at least one field');

export const projectCorrection = z
  .strictObject({ name: z.string().trim().min(1).max(200), batch, phase })
  .partial()
  .refine(atLeastOne, 'a correction names at least one field');

export type FactCorrection = z.infer<typeof factCorrection>;
export type ProjectCorrection = z.infer<typeof projectCorrection>;

const plain = z.enum(['accept', 'reject']);
export const reviewBody = z.discriminatedUnion('target', [
  z.discriminatedUnion('verdict', [
    z.strictObject({ target: z.literal('fact'), id, verdict: plain }),
    z.strictObject({ target: z.literal('fact'), id, verdict: z.literal('correct'), corrected: factCorrection }),
  ]),
  z.discriminatedUnion('verdict', [
    z.strictObject({ target: z.literal('project'), id, verdict: plain }),
    z.strictObject({ target: z.literal('project'), id, verdict: z.literal('correct'), corrected: projectCorrection }),
  ]),
]);
export type ReviewBody = z.infer<typeof reviewBody>;

export const documentQuery = z.strictObject({
  status: z.enum(['ok', 'failed']).optional(),
  q: z.string().max(200).optional(),
  todo: z.enum(['0', '1']).optional(),
});

// ---- rows ------------------------------------------------------------------------------------

export interface ReviewRow {
  id: number;
  sha256: string;
  target: Target;
  char_start: number;
  char_end: number | null;
  metric: string | null;
  name: string | null;
  target_id: number | null;
  verdict: Verdict;
  corrected: string | null;
  reviewer: string;
  created_at: string;
}

/** A review as the page and the exports show it. */
export interface ReviewView {
  id: number;
  verdict: Verdict;
  corrected: Record<string, unknown> | null;
  reviewer: string;
  created_at: string;
}

export function reviewView(r: Pick<ReviewRow, 'id' | 'verdict' | 'corrected' | 'reviewer' | 'created_at'>): ReviewView {
  return {
    id: r.id,
    verdict: r.verdict,
    corrected: r.corrected ? (JSON.parse(r.corrected) as Record<string, unknown>) : null,
    reviewer: r.reviewer,
    created_at: r.created_at,
  };
}

const factKey = (sha: string, start: number, end: number, metric: string) => `fact ${sha} ${start} ${end} ${metric}`;
const projectKey = (sha: string, start: number, name: string) => `project ${sha} ${start} ${name}`;

export const LIST_LIMIT = 1000;

export class ReviewDb {
  private readonly stmts;

  constructor(readonly db: Db) {
    this.stmts = {
      document: db.prepare(
        'SELECT id, path, sha256, encoding, title, chars, status, error, run_id, source FROM documents WHERE id = ?',
      ),
      mentions: db.prepare(
        `SELECT id, kind, text, char_start, char_end, value, value_max, unit, approx, rule
         FROM mentions WHERE document_id = ? ORDER BY char_start, char_end, id`,
      ),
      facts: db.prepare(
        `SELECT f.id, f.mention_id, f.metric, f.region, f.entity, f.batch, f.phase, f.year, f.rule,
                m.kind, m.text, m.char_start, m.char_end, m.value, m.value_max, m.unit, m.approx
         FROM facts f JOIN mentions m ON m.id = f.mention_id
         WHERE f.document_id = ? ORDER BY m.char_start, m.char_end, f.id`,
      ),
      projects: db.prepare(
        'SELECT id, name, char_start, char_end, batch, phase, rule FROM projects WHERE document_id = ? ORDER BY char_start, id',
      ),
      checks: db.prepare(
        'SELECT id, kind, status, expected, stated, fact_ids, detail FROM checks WHERE document_id = ? ORDER BY id',
      ),
      reviewsOf: db.prepare('SELECT * FROM reviews WHERE sha256 = ? ORDER BY id'),
      factTarget: db.prepare(
        `SELECT f.id, f.metric, m.char_start, m.char_end, d.sha256
         FROM facts f JOIN mentions m ON m.id = f.mention_id JOIN documents d ON d.id = f.document_id WHERE f.id = ?`,
      ),
      projectTarget: db.prepare(
        'SELECT p.id, p.name, p.char_start, d.sha256 FROM projects p JOIN documents d ON d.id = p.document_id WHERE p.id = ?',
      ),
      insertReview: db.prepare(
        `INSERT INTO reviews(sha256, target, char_start, char_end, metric, name, target_id, verdict, corrected, reviewer, created_at)
         VALUES (@sha256, @target, @char_start, @char_end, @metric, @name, @target_id, @verdict, @corrected, @reviewer, @created_at)`,
      ),
      review: db.prepare('SELECT * FROM reviews WHERE id = ?'),
    };
  }

  /** The documents list: newest paths first would hide the batch order, so by path. */
  listDocuments(filter: z.infer<typeof documentQuery>) {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.status) {
      where.push('d.status = @status');
      params.status = filter.status;
    }
    if (filter.q?.trim()) {
      where.push(`(instr(d.path, @q) > 0 OR instr(coalesce(d.title, ''), @q) > 0 OR instr(coalesce(d.source, ''), @q) > 0)`);
      params.q = filter.q.trim();
    }
    const counted = `SELECT d.id, d.path, d.title, d.status, d.error, d.chars,
        (SELECT count(*) FROM facts f WHERE f.document_id = d.id) AS facts,
        (SELECT count(*) FROM facts f JOIN mentions m ON m.id = f.mention_id
          WHERE f.document_id = d.id AND NOT EXISTS (SELECT 1 FROM reviews r WHERE ${REVIEW_OF_FACT})) AS unreviewed,
        (SELECT count(*) FROM projects p WHERE p.document_id = d.id
          AND NOT EXISTS (SELECT 1 FROM reviews r WHERE ${REVIEW_OF_PROJECT})) AS unreviewed_projects,
        (SELECT count(*) FROM checks c WHERE c.document_id = d.id AND c.status = 'fail') AS failed_checks
      FROM documents d ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const todo = filter.todo === '1' ? 'WHERE unreviewed + unreviewed_projects > 0' : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM (${counted}) ${todo}`).get(params) as { n: number }).n;
    const documents = this.db
      .prepare(`SELECT * FROM (${counted}) ${todo} ORDER BY path, id LIMIT ${LIST_LIMIT}`)
      .all(params);
    return { total, limit: LIST_LIMIT, documents };
  }

  /** One document with its evidence and each fact's and project's latest review; undefined if unknown. */
  getDocument(id: number) {
    const document = this.stmts.document.get(id) as { sha256: string } | undefined;
    if (!document) return undefined;
    const latest = new Map<string, ReviewRow & { count: number }>();
    for (const r of this.stmts.reviewsOf.all(document.sha256) as ReviewRow[]) {
      const key = r.target === 'fact'
        ? factKey(r.sha256, r.char_start, r.char_end ?? -1, r.metric ?? '')
        : projectKey(r.sha256, r.char_start, r.name ?? '');
      latest.set(key, { ...r, count: (latest.get(key)?.count ?? 0) + 1 });
    }
    const withReview = (key: string) => {
      const r = latest.get(key);
      return r ? { ...reviewView(r), decisions: r.count } : null;
    };
    type F = { id: number; char_start: number; char_end: number; metric: string };
    type P = { id: number; char_start: number; name: string };
    return {
      document,
      mentions: this.stmts.mentions.all(id),
      facts: (this.stmts.facts.all(id) as F[]).map((f) => ({
        ...f,
        review: withReview(factKey(document.sha256, f.char_start, f.char_end, f.metric)),
      })),
      projects: (this.stmts.projects.all(id) as P[]).map((p) => ({
        ...p,
        review: withReview(projectKey(document.sha256, p.char_start, p.name)),
      })),
      checks: (this.stmts.checks.all(id) as { fact_ids: string }[]).map((c) => ({
        ...c,
        fact_ids: JSON.parse(c.fact_ids) as number[],
      })),
    };
  }

  /** Records a decision about a fact or project (found by its current id); undefined if the id is unknown. */
  addReview(body: ReviewBody, reviewer: string): ReviewRow | undefined {
    const corrected = body.verdict === 'correct' ? JSON.stringify(body.corrected) : null;
    const base = { target: body.target, target_id: body.id, verdict: body.verdict, corrected, reviewer, created_at: new Date().toISOString() };
    let row;
    if (body.target === 'fact') {
      const t = this.stmts.factTarget.get(body.id) as { sha256: string; char_start: number; char_end: number; metric: string } | undefined;
      if (!t) return undefined;
      row = { ...base, sha256: t.sha256, char_start: t.char_start, char_end: t.char_end, metric: t.metric, name: null };
    } else {
      const t = this.stmts.projectTarget.get(body.id) as { sha256: string; char_start: number; name: string } | undefined;
      if (!t) return undefined;
      row = { ...base, sha256: t.sha256, char_start: t.char_start, char_end: null, metric: null, name: t.name };
    }
    const r = this.stmts.insertReview.run(row);
    return this.stmts.review.get(r.lastInsertRowid) as ReviewRow;
  }
}
