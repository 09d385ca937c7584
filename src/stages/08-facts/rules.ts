import { z } from 'zod';
import { KINDS, METRICS } from '../../model.js';
import { examplesField } from '../../rules/examples.js';
import { regexSource } from '../../rules/patterns.js';

// Schemas for rules/metrics.yaml (what a number measures) and rules/regions.yaml (where).

const regex = regexSource;

export const metricsRules = z.object({
  default_gap: z.number().int().min(0),
  clause_breaks: z.string().min(1),
  rules: z.array(z.object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    metric: z.enum(METRICS),
    kinds: z.array(z.enum(KINDS)).min(1),
    units: z.array(z.string()).optional(),
    before: z.array(regex).optional(),
    after: z.array(regex).optional(),
    gap: z.number().int().min(0).optional(),
    part: z.boolean().optional(),
    /** the number's comma clause matching one of these is not this metric (分包联系规上企业126家) */
    unless: z.array(regex).optional(),
    /** the number must end its clause (已完成公司注册的52个, — not 投资最大的三个是) */
    clause_end: z.boolean().optional(),
    /** the number's sentence, before it, must name one of these (…签约项目中,已开工的8个: 项目) */
    in_sentence: z.array(regex).optional(),
  }).refine((r) => (r.before?.length ?? 0) + (r.after?.length ?? 0) > 0, 'a rule needs `before` or `after` triggers')),
  /** nouns jieba finds between a `before` trigger and a count that still leave the count the trigger's */
  gap_fillers: z.array(z.string().min(1)).default([]),
  /** right after an amount: it is a threshold (10亿元以上项目, 超5亿元的有5个), not a figure */
  threshold_after: z.array(regex).default([]),
  /** between the previous figure and this one: a per-item figure (每人分包1—2个, 单体投资) */
  per_item_before: z.array(regex).default([]),
  /** a bare figure after a place or a 、 (唐河县12个、81.7亿元) takes the metric of the list's figures */
  ellipsis: z.object({ kinds: z.array(z.enum(KINDS)), lead: z.array(regex) }).optional(),
  /** a clause that names what the figures after it measure (从项目个数看,郑州市(178个)、…): the metric its words
   *  name holds, up to the next semicolon or full stop, for figures no trigger of their own binds */
  topic: z.array(regex).default([]),
  /** the year a figure is for, beyond 2022年: the article's dateline and relative words */
  years: z.object({
    dateline: regex,
    dateline_within: z.number().int().min(0),
    this_year: z.array(regex),
    last_year: z.array(regex),
    next_year: z.array(regex),
    default_this_year: z.array(regex),
    projection: z.array(regex),
    /** in the headline or opening (first `review_within` characters): a review of a year (回眸2023, 2023年…综述);
     *  group `y` is the year its figures are for unless a passage says another */
    review: z.array(regex).optional(),
    review_within: z.number().int().min(0).optional(),
    /** a period within a year (一季度, 1—4月, 截至9月底): a figure for it is the article's year. `month` (or the
     *  pattern's group `m`) is the period's last month: a period ending after the dateline's month was last year's */
    periods: z.array(z.object({ pattern: regex, month: z.number().int().min(1).max(12).optional() })).optional(),
    /** with no dateline, a heading in the first `review_within` characters that names its period's year
     *  (关于2025年4月份…的通报): group `y` */
    period_heading: regex.optional(),
  }).optional(),
  /** entities: words that end a company name's walk back, role words cut from its start, anaphors */
  entities: z.object({
    company_suffixes: z.array(z.string().min(1)),
    role_prefixes: z.array(z.string().min(1)),
    anaphors: z.array(regex),
    alias_min: z.number().int().min(2),
  }).optional(),
  /** record fields (总投资：3.2亿元): a figure right after `label：` is bound by the label's triggers */
  field_separator: regex.optional(),
  /** record fields whose value is the place of the record's figures (建设地点：息县) */
  place_fields: z.array(regex).optional(),
  /** how a passage goes on from one paragraph to the next (src/stages/08-facts: startParagraph, mentionFact) */
  passages: z.object({
    /** after a place opening a paragraph: the count of its projects, so it goes on a breakdown (通许县7个项目…) */
    place_projects: regex,
    /** a paragraph opening on the project as its subject (项目由…投资建设): it goes on about the project named last… */
    project_lead: regex,
    /** …within this many characters before it */
    topic_reach: z.number().int().min(0),
    /** a tour's stop (第一站,长葛市…): its place holds for the paragraphs after it that name none */
    tour_stop: regex,
    /** a project card's name field (项目名称 X项目): a project's section starts */
    name_field: regex,
    /** a project's place field (【所在地】X): where the section's figures are */
    place_field: regex,
    /** a bracketed field label before its value (【批次】…): a field of the section, not a heading that ends it */
    field_label: regex,
    /** a paragraph opening on the whole area or the round (全县…, 本期…, 从…看): it ends a project's section */
    area_paragraph: regex,
    /** the metrics whose figures a feature's headline company (——走进X有限公司) has where a sentence names no one… */
    subject_metrics: z.array(z.enum(METRICS)),
    /** …unless the sentence before the figure is about a place or an industry */
    area_subject: regex,
    /** right before a count or an amount: its change (项目个数增加, 比上年增加), a difference and no fact */
    difference: regex,
  }),
  examples: examplesField,
}).refine((m) => new Set(m.rules.map((r) => r.id)).size === m.rules.length, 'rule ids must be unique');
export type MetricsRules = z.infer<typeof metricsRules>;

export const regionsRules = z.object({
  provinces: z.array(z.string().min(2)),
  cities: z.array(z.string().min(2)),
  counties: z.array(z.string().min(2)),
  zones: z.array(z.string().min(2)),
  ns_suffixes: z.array(z.string().min(1)),
  ns_min_chars: z.number().int().min(2),
  aliases: z.record(z.string(), z.string().length(1)),
  comparisons: z.array(z.string().min(1)),
  /** "that county" (该县): the last place of its level named before it, not the article's most named one */
  anaphors: z.array(z.string().min(1)).default([]),
  /** towns and townships (克井镇), recognised by shape; 全镇/该镇 resolve to the last one named */
  towns: regex.optional(),
  /** right after an own-area word: the campaign's organiser (全省第十期“三个一批”), not the figure's area */
  campaign_after: regex.optional(),
  examples: examplesField,
});
export type RegionsRules = z.infer<typeof regionsRules>;

export const factRuleFiles = {
  metrics: { file: 'metrics.yaml', schema: metricsRules },
  regions: { file: 'regions.yaml', schema: regionsRules },
} as const;
