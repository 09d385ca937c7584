import type { Doc, Kind, Mention } from '../../src/model.js';
import { findProjects } from '../../src/stages/07-projects/index.js';
import { findFacts } from '../../src/stages/08-facts/index.js';
import { runChecks } from '../../src/stages/09-checks/index.js';
import { analyse, rules } from './pipeline.js';

// Builds a Doc from a text and an explicit list of mentions (text, kind, value), so the projects,
// facts and checks stages can be tested independently of the quantities stage.
export interface MentionSpec { text: string; kind: Kind; value: string; unit?: string | null; approx?: Mention['approx'] }

export function docWith(text: string, specs: MentionSpec[]): Doc {
  const doc = analyse(text);
  let from = 0;
  doc.mentions = specs.map((s) => {
    const at = doc.norm.text.indexOf(s.text, from);
    if (at < 0) throw new Error(`mention not found: ${s.text}`);
    from = at + s.text.length;
    const start = doc.norm.toSource[at];
    const end = doc.norm.toSourceEnd[at + s.text.length - 1];
    return {
      nStart: at, nEnd: at + s.text.length, kind: s.kind, value: s.value, valueMax: null,
      unit: s.unit ?? (s.kind === 'money' ? 'CNY' : s.kind === 'percent' ? '%' : s.kind === 'pp' ? 'pp' : s.text.replace(/^[^个家项]*/, '').slice(0, 1) || null),
      approx: s.approx ?? 'exact', rule: 'test', start, end, text: text.slice(start, end),
    };
  });
  const r = rules();
  doc.projects = findProjects(doc, r);
  doc.facts = findFacts(doc, r);
  doc.checks = runChecks(doc, r);
  return doc;
}

export const money = (text: string, value: string): MentionSpec => ({ text, kind: 'money', value });
export const count = (text: string, value: string): MentionSpec => ({ text, kind: 'count', value });
export const pct = (text: string, value: string): MentionSpec => ({ text, kind: 'percent', value });
export const pp = (text: string, value: string): MentionSpec => ({ text, kind: 'pp', value });
