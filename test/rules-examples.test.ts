import { describe, expect, it } from 'vitest';
import { analyse, rules } from './helpers/pipeline.js';

// Every rules file carries examples; each runs through the real pipeline (Duckling-style).
// A listed part (mentions, projects, facts, checks, tokens) must be found exactly.

const all = rules().examples;

describe('rules examples', () => {
  it('every rules file has examples', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  for (const { file, index, example } of all) {
    it(`${file} #${index + 1}: ${example.note ?? example.text.slice(0, 40)}`, () => {
      const doc = analyse(example.text, `example.${{ html: 'html', markdown: 'md', text: 'txt' }[example.format ?? 'text']}`);
      if (example.mentions) {
        const found = doc.mentions.map((m) => {
          const want = example.mentions!.find((w) => w.text === m.text);
          return {
            text: m.text,
            kind: m.kind,
            ...(want?.value !== undefined && { value: m.value }),
            ...(want?.value_max !== undefined && { value_max: m.valueMax }),
            ...(want?.unit !== undefined && { unit: m.unit }),
            ...(want?.approx !== undefined && { approx: m.approx }),
          };
        });
        expect(found).toEqual(example.mentions);
      }
      if (example.projects) {
        const found = doc.projects.map((p) => {
          const want = example.projects!.find((w) => w.name === p.name);
          return {
            name: p.name,
            ...(want?.batch !== undefined && { batch: p.batch }),
            ...(want?.phase !== undefined && { phase: p.phase }),
          };
        });
        expect(found).toEqual(example.projects);
      }
      if (example.facts) {
        const found = doc.facts.map((f) => {
          const mention = doc.mentions[f.mention].text;
          const want = example.facts!.find((w) => w.mention === mention && w.metric === f.metric);
          const slots: Record<string, unknown> = {};
          for (const k of ['region', 'entity', 'batch', 'phase', 'year'] as const) {
            if (want && want[k] !== undefined) slots[k] = f[k];
          }
          return { mention, metric: f.metric, ...slots };
        });
        expect(found).toEqual(example.facts);
      }
      if (example.checks) {
        expect(doc.checks.map((c) => `${c.kind}:${c.status}`)).toEqual(example.checks);
      }
      if (example.tokens) {
        expect(doc.tokens.map((t) => t.word)).toEqual(example.tokens);
      }
    });
  }
});
