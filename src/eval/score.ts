import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { APPROX, BATCHES, KINDS, METRICS } from '../model.js';
import type { Db } from '../stages/10-store/index.js';

// Scores stored records against gold files (../shared/annotation-guide.md format):
// mentions match one-to-one by overlapping span, same kind and equal value; facts by their
// mention and metric, then slot by slot; projects by exact name.

const goldFact = z.object({
  metric: z.enum(METRICS),
  region: z.array(z.string()).nullable(),
  entity: z.array(z.string()).nullable(),
  batch: z.enum(BATCHES).nullable(),
  phase: z.string().nullable(),
  year: z.number().int().nullable(),
});
const goldFile = z.object({
  doc: z.string(),
  mentions: z.array(
    z.object({
      start: z.number().int(),
      end: z.number().int(),
      text: z.string(),
      kind: z.enum(KINDS),
      value: z.string(),
      value_max: z.string().nullable(),
      unit: z.string().nullable(),
      approx: z.enum(APPROX),
      fact: goldFact.nullable().optional(),
    }),
  ),
  projects: z.array(
    z.object({ name: z.string(), start: z.number().int(), end: z.number().int(), batch: z.string().nullable(), phase: z.string().nullable() }),
  ),
});
export type GoldFile = z.infer<typeof goldFile>;

export function loadGold(dir: string): GoldFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = goldFile.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${join(dir, f)}: not a gold file: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
}

export interface PredMention { id: number; start: number; end: number; text: string; kind: string; value: string }
export interface PredFact { mentionId: number; metric: string; region: string | null; entity: string | null; batch: string | null; phase: string | null; year: number | null }
export interface Predicted { mentions: PredMention[]; facts: PredFact[]; projects: string[] }

/** The stored records of the document whose file name is `doc`, or null if it is not in the database. */
export function predictedFor(db: Db, doc: string): Predicted | null {
  const rows = db.prepare("SELECT id, path FROM documents WHERE status = 'ok'").all() as { id: number; path: string }[];
  const row = rows.find((r) => basename(r.path) === doc);
  if (!row) return null;
  const mentions = db
    .prepare('SELECT id, char_start AS start, char_end AS end, text, kind, value FROM mentions WHERE document_id = ?')
    .all(row.id) as PredMention[];
  const facts = db
    .prepare('SELECT mention_id AS mentionId, metric, region, entity, batch, phase, year FROM facts WHERE document_id = ?')
    .all(row.id) as PredFact[];
  const projects = (db.prepare('SELECT name FROM projects WHERE document_id = ?').all(row.id) as { name: string }[]).map((p) => p.name);
  return { mentions, facts, projects };
}

export interface Counts { tp: number; fp: number; fn: number }
export const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

export const SLOTS = ['region', 'entity', 'batch', 'phase', 'year'] as const;

export interface Scores {
  documents: { gold: number; found: number };
  mentions: Counts;
  mentionsByKind: Record<string, Counts>;
  facts: Counts;
  factsByMetric: Record<string, Counts>;
  slots: Record<(typeof SLOTS)[number], { correct: number; total: number }>;
  projects: Counts;
  misses: string[];
}

const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const bump = (m: Record<string, Counts>, k: string, f: keyof Counts) => ((m[k] ??= empty())[f] += 1);

export function score(golds: GoldFile[], predictedOf: (doc: string) => Predicted | null): Scores {
  const s: Scores = {
    documents: { gold: golds.length, found: 0 },
    mentions: empty(), mentionsByKind: {}, facts: empty(), factsByMetric: {},
    slots: Object.fromEntries(SLOTS.map((k) => [k, { correct: 0, total: 0 }])) as Scores['slots'],
    projects: empty(), misses: [],
  };
  for (const gold of golds) {
    const found = predictedOf(gold.doc);
    const pred = found ?? { mentions: [], facts: [], projects: [] };
    if (found) s.documents.found++;
    else s.misses.push(`${gold.doc}: not in the database`);

    // mentions, one-to-one
    const matchOf = new Map<number, PredMention>(); // gold index → predicted
    const used = new Set<number>();
    gold.mentions.forEach((g, gi) => {
      const p = pred.mentions.find(
        (m) => !used.has(m.id) && m.start < g.end && g.start < m.end && m.kind === g.kind && m.value === g.value,
      );
      if (p) { used.add(p.id); matchOf.set(gi, p); s.mentions.tp++; bump(s.mentionsByKind, g.kind, 'tp'); }
      else {
        s.mentions.fn++; bump(s.mentionsByKind, g.kind, 'fn');
        const near = pred.mentions.find((m) => m.start < g.end && g.start < m.end);
        s.misses.push(`${gold.doc}: missed mention ${g.start}-${g.end} "${g.text}" ${g.kind}=${g.value}${near ? ` (found "${near.text}" ${near.kind}=${near.value})` : ''}`);
      }
    });
    for (const m of pred.mentions) {
      if (used.has(m.id)) continue;
      s.mentions.fp++; bump(s.mentionsByKind, m.kind, 'fp');
      s.misses.push(`${gold.doc}: extra mention ${m.start}-${m.end} "${m.text}" ${m.kind}=${m.value}`);
    }

    // facts: through the mention match, then the metric
    const factsByMention = new Map<number, PredFact[]>();
    for (const f of pred.facts) factsByMention.set(f.mentionId, [...(factsByMention.get(f.mentionId) ?? []), f]);
    const usedFacts = new Set<PredFact>();
    gold.mentions.forEach((g, gi) => {
      if (!g.fact) return;
      const p = matchOf.get(gi);
      const f = p && (factsByMention.get(p.id) ?? []).find((x) => x.metric === g.fact!.metric && !usedFacts.has(x));
      if (!f) {
        s.facts.fn++; bump(s.factsByMetric, g.fact.metric, 'fn');
        const other = p && factsByMention.get(p.id)?.[0];
        s.misses.push(`${gold.doc}: missed fact "${g.text}" ${g.fact.metric}${other ? ` (found ${other.metric})` : ''}`);
        return;
      }
      usedFacts.add(f);
      s.facts.tp++; bump(s.factsByMetric, g.fact.metric, 'tp');
      for (const slot of SLOTS) {
        const want = g.fact[slot];
        const got = f[slot];
        const ok = Array.isArray(want) ? got !== null && want.includes(String(got)) : (want ?? null) === (got ?? null);
        s.slots[slot].total++;
        if (ok) s.slots[slot].correct++;
        else s.misses.push(`${gold.doc}: wrong ${slot} for "${g.text}" ${g.fact.metric}: got ${JSON.stringify(got)}, gold ${JSON.stringify(want)}`);
      }
    });
    const mentionById = new Map(pred.mentions.map((m) => [m.id, m]));
    for (const f of pred.facts) {
      if (usedFacts.has(f)) continue;
      s.facts.fp++; bump(s.factsByMetric, f.metric, 'fp');
      s.misses.push(`${gold.doc}: extra fact "${mentionById.get(f.mentionId)?.text}" ${f.metric}`);
    }

    // projects by exact name, as multisets
    const wanted = gold.projects.map((p) => p.name);
    const left = [...pred.projects];
    for (const name of wanted) {
      const i = left.indexOf(name);
      if (i >= 0) { left.splice(i, 1); s.projects.tp++; }
      else { s.projects.fn++; s.misses.push(`${gold.doc}: missed project "${name}"`); }
    }
    for (const name of left) { s.projects.fp++; s.misses.push(`${gold.doc}: extra project "${name}"`); }
  }
  return s;
}

const pct = (x: number) => x.toFixed(3);

export function formatScores(s: Scores, maxMisses: number): string {
  const lines: string[] = [];
  const row = (name: string, c: Counts) => {
    const { precision, recall, f1 } = prf(c);
    lines.push(`${name.padEnd(28)} ${pct(precision)}  ${pct(recall)}  ${pct(f1)}   ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}`);
  };
  lines.push(`documents: ${s.documents.found}/${s.documents.gold} found in the database`);
  lines.push(`${'part'.padEnd(28)} P      R      F1        tp   fp   fn`);
  row('mentions', s.mentions);
  for (const [k, c] of Object.entries(s.mentionsByKind).sort()) row(`  ${k}`, c);
  row('facts', s.facts);
  for (const [k, c] of Object.entries(s.factsByMetric).sort()) row(`  ${k}`, c);
  const slotTotal = SLOTS.reduce((a, k) => a + s.slots[k].total, 0);
  const slotCorrect = SLOTS.reduce((a, k) => a + s.slots[k].correct, 0);
  lines.push(`slot accuracy                ${slotTotal ? pct(slotCorrect / slotTotal) : 'n/a'}  (${slotCorrect}/${slotTotal})`);
  for (const k of SLOTS) {
    const { correct, total } = s.slots[k];
    lines.push(`  ${k.padEnd(26)} ${total ? pct(correct / total) : 'n/a'}  (${correct}/${total})`);
  }
  row('projects', s.projects);
  if (s.misses.length) {
    lines.push(`misses (${s.misses.length}${s.misses.length > maxMisses ? `, first ${maxMisses}` : ''}):`);
    for (const m of s.misses.slice(0, maxMisses)) lines.push(`  ${m}`);
  }
  return lines.join('\n') + '\n';
}
