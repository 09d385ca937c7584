// The document object every stage reads and extends, spaCy-style: one object per article,
// spans are offsets. Two coordinate systems exist and are kept apart by name:
//   start/end   — offsets into `source` (the decoded text, BOM removed): what is stored.
//   nStart/nEnd — offsets into `norm.text` (the matching text): what rules see.

export const KINDS = ['money', 'count', 'percent', 'pp', 'ratio', 'measure', 'duration'] as const;
export type Kind = (typeof KINDS)[number];

export const APPROX = ['exact', 'about', 'over', 'under'] as const;
export type Approx = (typeof APPROX)[number];

export const BATCHES = ['signed', 'started', 'producing'] as const;
export type Batch = (typeof BATCHES)[number];

export const METRICS = [
  'project_count', 'enterprise_count', 'total_investment', 'annual_planned_investment',
  'completed_investment', 'plan_completion_rate', 'signing_rate', 'start_rate', 'conversion_rate',
  'revenue', 'output_value', 'tax', 'gdp', 'growth_rate', 'growth_pp',
] as const;
export type Metric = (typeof METRICS)[number];

/** Matching text derived from the source: `text[i]` stands for `source.slice(toSource[i], toSourceEnd[i])`.
 *  Source characters are substituted (full-width → half-width, 萬 → 万, &amp; → &) or deleted
 *  (OCR spaces, tags), never invented, so every normalised span maps back to a source span. */
export interface NormText {
  text: string;
  toSource: Int32Array;
  toSourceEnd: Int32Array;
}

export interface Span { nStart: number; nEnd: number }

export interface Token { readonly word: string; readonly tag: string; readonly nStart: number; readonly nEnd: number }

/** A quantity found in the normalised text, before it is anchored in the source. */
export interface QuantityHit {
  nStart: number;
  nEnd: number;
  kind: Kind;
  value: string;          // exact decimal string in the base unit
  valueMax: string | null;
  unit: string | null;
  approx: Approx;
  rule: string;           // which rule found it
}

export interface Mention extends QuantityHit {
  start: number;
  end: number;
  text: string;           // source.slice(start, end)
}

export interface Project {
  name: string;           // inner whitespace removed
  start: number;
  end: number;
  nStart: number;
  nEnd: number;
  batch: Batch | null;
  phase: string | null;
  rule: string;
}

export interface Fact {
  mention: number;        // index into doc.mentions
  metric: Metric;
  region: string | null;
  entity: string | null;
  batch: Batch | null;
  phase: string | null;
  year: number | null;
  rule: string;
}

export interface Check {
  kind: 'sum' | 'rate';
  status: 'pass' | 'fail';
  expected: string;       // what the parts imply
  stated: string;         // what the article states
  facts: number[];        // indexes into doc.facts: the whole first, then the parts
  detail: string;
}

/** A statistical table (指标 绝对数 比上年增长(%)): rows of a label and bare figures, whose unit is the
 *  column's (比上年增长(%)) or else the row's (地区生产总值(亿元)). */
export interface StatTable {
  /** a statistical table (指标 绝对数 …: rows are indicators) or a project table (序号 项目名称 …: rows are projects) */
  of: 'statistics' | 'projects';
  head: Span;
  columns: { label: string; unit: string | null }[];
  rows: {
    label: Span;
    /** the label without its unit and marks (#工业 → 工业) */
    name: string;
    unit: string | null;
    cells: (Span & { column: number; text: string })[];
    /** a project row's place (its 建设地点 cell) */
    place?: string;
    /** a project row's batch, from its 类别 cell (开工), where the table has one */
    batch?: Batch;
    /** where its batch cell stands (第十九期签约: the round it names is the row's) */
    batchCell?: Span;
    /** a row of sums (合计): its figures are the article's own totals */
    total?: boolean;
  }[];
}

export interface Doc {
  path: string;
  sha256: string;
  encoding: string;
  source: string;
  title: string | null;
  norm: NormText;
  paragraphs: Span[];
  sentences: Span[];
  tables: StatTable[];
  tokens: Token[];
  mentions: Mention[];
  projects: Project[];
  facts: Fact[];
  checks: Check[];
}

/** A document that could not be read, with a reason a user can act on. */
export class DocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentError';
  }
}
