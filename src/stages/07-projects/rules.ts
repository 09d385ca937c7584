import { z } from 'zod';
import { BATCHES } from '../../model.js';
import { examplesField } from '../../rules/examples.js';
import { regexSource } from '../../rules/patterns.js';

// Schemas for rules/projects.yaml and rules/batches.yaml (the campaign's batches and rounds,
// shared with 08-facts). Every regular expression is checked to compile, so a typo fails at load.

const regex = regexSource;

export const projectsRules = z.object({
  suffixes: z.object({ strong: z.array(z.string().min(1)).min(1), weak: z.array(z.string().min(1)) }),
  stage_after: regex,
  stage_not_before_tags: z.array(z.string()),
  suffix_not_before: regex,
  project_not_before: regex,
  place_verb_tags: z.array(z.string()),
  place_verb_not: z.array(z.string()),
  glue_tags: z.array(z.string()),
  /** one-character heads that make a verb before them a noun (减速 | 机, 冷却 | 塔): the verb stays in the name */
  compound_heads: z.array(z.string().length(1)).default([]),
  chain_not: regex,
  line_bullet: regex,
  series_modifier_min: z.number().int().min(0),
  series_plain_min: z.number().int().min(0),
  alias_min: z.number().int().min(1),
  /** a later name this long or longer that ends an earlier name (储能…产业园 after 邓州新能源储能…产业园) is that project */
  alias_tail_min: z.number().int().min(2).default(8),
  /** a place/number/year right before 项目 (某县12个项目, 某市2023年项目): a count phrase, not a name */
  count_phrase: regex.default('$^'),
  count_after: regex.default('$^'),
  /** after a numbered item's name: it counts projects, so the item is a category of them (1.社会民生项目。安排项目29个) */
  category_after: regex.default('$^'),
  /** words that alone make a plain name generic (老工业基地): a head made only of these is no name */
  generic_modifiers: z.array(z.string().min(1)).default([]),
  /** before 的, a venue (设在某镇的X产业园): the name after it needs no specific element */
  venue_before: regex.default('$^'),
  /** a list item led by its investor and amount (X有限公司投资24亿元的Y项目): the name is what follows */
  investor_lead: regex.default('$^'),
  /** a weak project word (中心, 集群) ends a name in running text right after these (本期开工的X中心, 建设了X集群),
   *  when the name starts with a place */
  weak_lead: regex.default('$^'),
  inner_bracket_max: z.number().int().min(0),
  stop_tags: z.array(z.string()),
  quantity_lead: z.array(z.string()),
  /** how many words back from a number a `quantity_lead` word may be (年产 | 20 | 万吨 | 尼龙 | 66) */
  quantity_lead_window: z.number().int().min(1).default(3),
  strip_prefixes: z.array(z.string()),
  project_modifier_min: z.number().int().min(0),
  bare_item_min: z.number().int().min(0),
  keep_words: z.array(z.string()),
  stop_words: z.array(z.string()),
  /** words a walk back stops at when more of the name follows them (另一个开工项目X项目) */
  inner_stop_words: z.array(z.string()).default([]),
  strip_leading: z.array(z.string()),
  specific_tags: z.array(z.string()),
  strong_plain_min: z.number().int().min(0),
  generic_names: z.array(z.string()),
  generic_words: z.array(z.string()),
  body_after: regex,
  /** after a name, these mean it is a part of a project (…、非遗研学基地等业态), not a project */
  part_after: regex,
  lists: z.object({
    intro: z.array(z.string().min(1)),
    closers: z.array(z.string().min(1)),
    separators: z.array(z.string().min(1)),
    semicolons: z.array(z.string().min(1)),
    numbering: regex,
    proper_tags: z.array(z.string()),
    split_after: z.array(z.string().min(1)),
    max_items: z.number().int().min(1),
    item_max_chars: z.number().int().min(2),
    /** field labels whose value is one project's name (项目名称:X;建设地点:…), also a table column header */
    name_labels: z.array(z.string().min(1)).default([]),
    /** field labels whose value describes what a project builds: names there are parts, not projects */
    content_labels: z.array(z.string().min(1)).default([]),
  }),
  note: regex,
  examples: examplesField,
});
export type ProjectsRules = z.infer<typeof projectsRules>;

export const batchesRules = z.object({
  campaign: z.array(z.string().min(1)).min(1),
  batches: z.array(z.object({ batch: z.enum(BATCHES), patterns: z.array(regex).min(1) })),
  trailing: z.array(z.object({ batch: z.enum(BATCHES), pattern: regex })),
  phases: z.array(z.object({ pattern: regex, form: z.enum(['single', 'upto', 'span']) })),
  continuation: z.array(z.string().min(1)),
  /** a sentence that starts a breakdown (从投资规模看, 分行业看): still the round, no longer the last batch */
  breakdown: z.array(regexSource).default([]),
  /** …and one that opens a paragraph and breaks the passage before it down by a dimension (从结构看, 分县区看) */
  breakdown_paragraph: z.array(regexSource).default([]),
  /** a project's batch from the words right before its name (同日投产的X) or after it (X当天集中开工) */
  entity_cues: z.array(z.object({ batch: z.enum(BATCHES), before: regexSource.optional(), after: regexSource.optional() })).default([]),
  context: z.array(z.string().min(1)),
  current_round: z.array(z.string().min(1)),
  /** words that count every round so far, this one included (含本期在内,全市累计…): rounds 1 to the reported one */
  through_current: z.array(z.string().min(1)).default([]),
  /** bare batch words (签约项目, 投产的4个) that set the batch only inside a passage about a round */
  weak: z.array(z.object({ batch: z.enum(BATCHES), patterns: z.array(regex).min(1) })).default([]),
  /** several batches at once (集中签约、开工、投产项目): no one batch */
  mixed: z.array(regex).default([]),
  /** a paragraph starting with one of these is part of the one before (其余6个项目…) */
  subset: z.array(z.string().min(1)).default([]),
  /** a total over several batches of the sentence (…合计总投资12亿元): no one batch */
  aggregate: z.array(z.string().min(1)).default([]),
  /** once the article has named the campaign, a paragraph with one of these is about it too (第8期活动中,…) */
  round_activity: z.array(regex).optional(),
  /** words right before a round marker that make it a coming round (力争第十一期…), not the one reported */
  future_round: z.array(regex).optional(),
  /** …and right after one (第十五期活动计划于3月举行, 第十五期储备项目) */
  future_round_after: z.array(regex).default([]),
  /** a round named as the yardstick (较第十四期, 与第十四期相比): it sets no figure's round */
  compared_round: z.object({
    before: z.array(regex),
    paired: z.object({ before: z.array(regex), after: regex }),
  }),
  /** a numbered section marker (一、) right before a bare batch word: a heading whose batch holds for its section */
  section_heading: z.array(regex).optional(),
  /** right after a bare batch word that opens a paragraph (开工项目方面，…): the paragraph's topic, so the batch holds for it */
  topic_after: z.array(regex).default([]),
  /** a list item led by a batch word (签约的A、开工的B和投产的C): that item's batch, not part of its name */
  item_lead: z.array(z.object({ batch: z.enum(BATCHES), pattern: regex })).default([]),
  /** a heading that is a bare batch word and nothing else (【签约】, ▶开工项目): that batch's section */
  heading_batch: z.array(z.object({ batch: z.enum(BATCHES), pattern: regex })).default([]),
  examples: examplesField,
});
export type BatchesRules = z.infer<typeof batchesRules>;

export const projectRuleFiles = {
  projects: { file: 'projects.yaml', schema: projectsRules },
  batches: { file: 'batches.yaml', schema: batchesRules },
} as const;
