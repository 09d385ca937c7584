import { z } from 'zod';
import { examplesField } from '../../rules/examples.js';

// The jieba user dictionary, as data: words jieba should keep whole (place suffixes, campaign terms,
// units) so recognition sees the right boundaries. Each word may carry a frequency and a POS tag.
export const segmentationRules = z.object({
  /** jieba's main dictionary, trimmed to words at least this frequent (see 05-segment) */
  dictionary: z.object({ min_frequency: z.number().int().min(0) }),
  words: z.array(
    z.string().regex(/^\S+( \d+)?( [a-z]+)?$/, 'a word, optionally followed by " frequency" and " tag"'),
  ),
  examples: examplesField,
});
export type SegmentationRules = z.infer<typeof segmentationRules>;
