import { z } from 'zod';
import { APPROX, KINDS } from '../../model.js';
import { examplesField } from '../../rules/examples.js';

// The quantities stage's rules files. Everything a newspaper-specific adaptation would touch —
// numeral characters, units, approximation words, exclusions — is data here.

const word = z.string().min(1);
const oneChar = z.string().length(1, 'one character');
const approx = z.enum(APPROX).exclude(['exact']);

/** rules/quantities.yaml: how numbers are written */
export const quantitiesRules = z.object({
  numerals: z.object({
    /** Chinese digit characters → value (零〇 0, 一壹 1, 两贰 2 ...) */
    digits: z.record(oneChar, z.number().int().min(0).max(9)),
    /** place words inside a Chinese numeral → power of ten (十 1, 百 2, 千 3) */
    places: z.record(oneChar, z.number().int().min(1).max(3)),
    /** section words → power of ten (万 4, 亿 8); they also scale Arabic numbers (1.6万) */
    sections: z.record(oneChar, z.number().int().min(4)),
    /** the Chinese decimal point (三点五) */
    point: z.array(oneChar),
    /** a half: 半年 = 0.5 年, 一年半 = 1.5 年, 一个半月 = 1.5 月 */
    half: oneChar,
    /** 半 straight after these is a period name (上半年), not a length of time */
    half_not_after: z.array(oneChar),
  }),
  /** after an Arabic number: multiplier characters → power of ten; chains multiply (千万, 万亿) */
  multipliers: z.record(oneChar, z.number().int().min(1)),
  /** a word allowed between a number and its multiplier: 两个亿 */
  multiplier_joiners: z.array(word),
  /** between the two ends of a range: 30-50亿元, 1—3个, 两到三万元 */
  range_separators: z.array(word),
  /** between the figures of a list whose last one alone has its whole unit: 分别提高2.4个、0.5个和1.4个百分点 */
  list_joiners: z.array(word).default([]),
  /** a leading minus sign for Arabic numbers (-7.9%) */
  minus_signs: z.array(oneChar),
  /** fractions "X分之Y": the infix, and denominators that make a percent instead of a ratio */
  fractions: z.object({
    infix: word,
    percent_denominator: z.number().int().positive(),
    places: z.number().int().min(0).max(12),
  }),
  /** shares in tenths (三成 = 30%): the word, the percent one of them is, the largest count, and what
   *  may not follow it (一成不变 is an idiom, 成本 a word of its own) */
  shares: z.object({
    word,
    percent: z.number().int().positive(),
    max: z.number().int().positive(),
    not_before: z.array(word),
  }).optional(),
  /** a number scaled by 万/亿 but with no unit (总投资30亿) is money when a cue word precedes it in the clause */
  money_without_unit: z.object({
    unit: word,
    min_multiplier: z.number().int().min(1),
    window: z.number().int().positive(),
    clause_breaks: z.string().min(1),
    cues: z.array(word),
  }),
  /** a threshold whose number, one, is left out (亿元以上项目, 亿元及以上): the multiplier, the money unit and
   *  the words after that make it a threshold; it is one of the multiplier, over */
  unit_alone: z.object({
    multipliers: z.array(oneChar),
    units: z.array(word),
    after: z.array(word),
  }).optional(),
  examples: examplesField,
});

const unitGroup = z.record(word, word.nullable());

/** rules/units.yaml: what may follow a number, per kind, as written surface → stored unit */
export const unitsRules = z.object({
  money: z.record(word, word),
  count: unitGroup,
  percent: unitGroup,
  pp: unitGroup,
  measure: unitGroup,
  duration: unitGroup,
  ratio: unitGroup.optional(),
  /** a unit is not one when directly followed by these (2022年度, 3年产值, 5天然气) */
  not_followed_by: z.record(word, z.array(word)),
  examples: examplesField,
});

const approxWord = z.object({
  word,
  approx,
  /** whether the word is part of the mention's span */
  in_span: z.boolean().default(false),
  /** only for these kinds (default: all) */
  kinds: z.array(z.enum(KINDS)).optional(),
  /** not when the word ends a longer word starting with one of these characters (签约, 最近, 赶超) */
  not_after: z.string().optional(),
});

/** rules/approx.yaml: words that make a quantity approximate */
export const approxRules = z.object({
  /** right before the number: 约, 近, 超过, 突破 */
  before: z.array(approxWord),
  /** right after the unit: 左右, 以上, 以内 */
  after: z.array(approxWord),
  /** inside, after the number or multiplier or 个: 320余项, 3600万余元, 20多个, 3个多月 */
  inside: z.array(approxWord.omit({ in_span: true, not_after: true })),
  examples: examplesField,
});

/** rules/exclusions.yaml: numbers that are not quantities */
export const exclusionRules = z.object({
  /** fixed names and slogans whose numerals are not quantities (三个一批, 二十大, 万人助万企) */
  fixed_names: z.array(word),
  /** ordinals and ranks: 第七期, 前六期, 第2位 */
  ordinal_prefixes: z.array(oneChar),
  /** ... but not when the prefix ends one of these words (目前, 此前 — "now", "before") */
  ordinal_prefix_words_not: z.array(word),
  /** next to these a number is a code or identifier (3#楼, 2+1, A3, 5G) */
  code_neighbours: z.object({
    before: z.string(),
    after: z.string(),
    latin_letters: z.boolean(),
  }),
  /** years: a number with one of these units that is a year (2022年, 二〇二三年) is a date */
  years: z.object({
    units: z.array(word),
    min: z.number().int(),
    max: z.number().int(),
  }),
  /** quoted text: pairs of open/close marks; short quotes are slogans and names, titles never hold facts.
   *  A short quote that is all quantity (but for `slogan_spare_chars`, e.g. 整) is a quoted amount, not a slogan. */
  quotes: z.object({
    slogan_marks: z.array(z.string().length(2)),
    slogan_max_chars: z.number().int().positive(),
    slogan_spare_chars: z.number().int().min(0),
    quoted_amount_min_chars: z.number().int().positive(),
    title_marks: z.array(z.string().length(2)),
    title_max_chars: z.number().int().positive(),
  }),
  /** 一 before a classifier is usually "a/an" (一辆卡车, 一个项目一个方案): a quantity only after or before a cue */
  indefinite_one: z.object({
    numerals: z.array(word),
    kinds: z.array(z.enum(KINDS)),
    cues_before: z.array(word),
    cues_after: z.array(word),
  }),
  /** a count with one of these classifiers followed straight by a numeral is a slogan (三个一批, 四个一百) */
  slogan_classifiers: z.array(word),
  /** a count of these is a move in a ranking (上升2个位次), a rank, not a quantity */
  rank_nouns: z.array(word),
  /** Chinese numerals must start a jieba word (统一个标准 is not 一个) */
  chinese_numeral_starts_word: z.boolean(),
  examples: examplesField,
});

export type QuantitiesRules = z.infer<typeof quantitiesRules>;
export type UnitsRules = z.infer<typeof unitsRules>;
export type ApproxRules = z.infer<typeof approxRules>;
export type ExclusionRules = z.infer<typeof exclusionRules>;

export const quantityRuleFiles = {
  quantities: { file: 'quantities.yaml', schema: quantitiesRules },
  units: { file: 'units.yaml', schema: unitsRules },
  approx: { file: 'approx.yaml', schema: approxRules },
  exclusions: { file: 'exclusions.yaml', schema: exclusionRules },
} as const;
