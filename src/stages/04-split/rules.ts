import { z } from 'zod';
import { examplesField } from '../../rules/examples.js';
import { regexSource as regex } from '../../rules/patterns.js';

export const tableRules = z.object({
  /** the first name of a statistical table's header line (指标 绝对数 比上年增长(%)) */
  header_first: z.array(regex).min(1),
  /** what a cell of a row is: a bare figure, or a mark for none (—) */
  cell: regex,
  /** a unit in brackets at the end of a row label or column name (地区生产总值(亿元), 比上年增长(%)) */
  unit: regex,
  /** the name of a column that holds each row's unit (指标 单位 绝对数 …) */
  unit_header: z.array(regex).min(1),
  /** a cell of that column (万吨, 亿元, 家): any short word; a unit the quantities stage does not know gives no mention */
  unit_cell: regex,
  /** marks before a row label that are not part of its name (#工业: "of which") */
  label_marks: regex,
  examples: examplesField,
});
export type TableRules = z.infer<typeof tableRules>;
