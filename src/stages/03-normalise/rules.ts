import { z } from 'zod';
import { examplesField } from '../../rules/examples.js';

const oneChar = z.string().length(1, 'one character');

export const normaliseRules = z.object({
  /** traditional → simplified, one character each (萬 → 万, 億 → 亿): applied after `traditional_table` */
  traditional: z.record(oneChar, oneChar),
  /** every other traditional character: pairs of a traditional and its simplified character, apart by spaces
   *  (generated from OpenCC's table by rules/tools/traditional-table.mjs) */
  traditional_table: z.string().regex(/^(?:\S\S(?: \S\S)*)?$/u, 'pairs of two characters, apart by single spaces'),
  /** other 1:1 substitutions beyond full-width ASCII (which is always folded): dashes, percent signs */
  characters: z.record(oneChar, oneChar),
  /** characters that end a sentence: a line break after one is a real break, not an OCR wrap */
  sentence_end: z.string().min(1),
  /** a line shorter than this with no clause punctuation is a heading, so the break after it stays */
  heading_max_chars: z.number().int().positive(),
  /** after a number, a line break before one of these characters is a wrap inside the quantity */
  unit_line_starts: z.string(),
  /** a line that starts with a label of at most this many Chinese characters and a colon
   *  (`建设单位：…`, `1.项目名称：…`) is a field of a record: never the tail of a broken sentence */
  field_label_max_chars: z.number().int().positive(),
  /** a line that opens with a dispatch's dateline (`【确山】`, `本报讯`) starts a new paragraph: never the tail of the
   *  line before it (a dispatch's headline, `确山县：提琴产业链项目唱“主角”`) */
  dateline_start: z.string().min(1),
  /** text set in narrow columns (a scanned page, a PDF): most lines are about one width, and a line that fills
   *  it without ending a sentence wraps onto the next, however short either is */
  column_wrap: z.object({
    /** a column narrower than this is a table's, not prose's */
    min_width: z.number().int().positive(),
    /** how many lines (of at least min_width characters) there must be to tell a width */
    min_lines: z.number().int().positive(),
    /** the share of those lines within `slack` of the commonest length */
    share: z.number().gt(0).lte(1),
    /** how far from the commonest length a line may be and still count as that width */
    slack: z.number().int().nonnegative(),
    /** a line at least this share of the width fills it (OCR lines vary: 17 to 23 in a column of 21) */
    fill: z.number().gt(0).lte(1),
    /** at most this share of the lines may run past the width by more than twice the slack (a WeChat post's
     *  short lines of every length are no column) */
    wider_share: z.number().gte(0).lte(1),
  }),
  /** a printed page's furniture in PDF text, dropped so that a sentence broken across pages joins up again */
  page_furniture: z.object({
    /** a line that is only a page number (— 3 —, 第3页) */
    page_number: z.string().min(1),
    /** a line right after a page number, at most this long, that the text has more than once, is a running header */
    running_header_max_chars: z.number().int().positive(),
  }),
  examples: examplesField,
});
export type NormaliseRules = z.infer<typeof normaliseRules>;
