import { z } from 'zod';
import { APPROX, BATCHES, KINDS, METRICS } from '../model.js';

// Every rules file carries examples (input → what must be found), Duckling-style:
// the test suite runs them all through the real pipeline.

const expectedMention = z.object({
  text: z.string().min(1),
  kind: z.enum(KINDS),
  value: z.string().regex(/^-?\d+(\.\d+)?$/, 'an exact decimal string').optional(),
  value_max: z.string().regex(/^-?\d+(\.\d+)?$/).nullable().optional(),
  unit: z.string().nullable().optional(),
  approx: z.enum(APPROX).optional(),
});

const expectedProject = z.object({
  name: z.string().min(1),
  batch: z.enum(BATCHES).nullable().optional(),
  phase: z.string().nullable().optional(),
});

const expectedFact = z.object({
  mention: z.string().min(1),            // the mention's source text
  metric: z.enum(METRICS),
  region: z.string().nullable().optional(),
  entity: z.string().nullable().optional(),
  batch: z.enum(BATCHES).nullable().optional(),
  phase: z.string().nullable().optional(),
  year: z.number().int().nullable().optional(),
});

/** `mentions`/`projects`/`facts`, when given, list exactly what must be found (an empty list: nothing). */
export const exampleSchema = z.object({
  text: z.string().min(1),
  /** how the text is marked up (default: plain text) */
  format: z.enum(['text', 'markdown', 'html']).optional(),
  note: z.string().optional(),
  mentions: z.array(expectedMention).optional(),
  projects: z.array(expectedProject).optional(),
  facts: z.array(expectedFact).optional(),
  /** expected jieba words, in order, for segmentation examples */
  tokens: z.array(z.string()).optional(),
  /** for checks: the kinds and statuses expected, e.g. "sum:pass" */
  checks: z.array(z.string().regex(/^(sum|rate):(pass|fail)$/)).optional(),
});
export type Example = z.infer<typeof exampleSchema>;

export const examplesField = z.array(exampleSchema).min(1, 'each rules file needs at least one example');
