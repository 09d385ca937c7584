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
  /** the header of a column of words, not figures (举办日期: 3月28日): any cell, no figure */
  text_header: z.array(regex).default([]),
  /** a cell of that column (万吨, 亿元, 家): any short word; a unit the quantities stage does not know gives no mention */
  unit_cell: regex,
  /** marks before a row label that are not part of its name (#工业: "of which") */
  label_marks: regex,
  /** a table copied from a PDF one cell a line (序号 ⏎ 项目名称 ⏎ … ⏎ 1 ⏎ 杞县…产业 ⏎ 园 ⏎ …) */
  columns: z.object({
    /** the first header line */
    first: z.array(regex).min(1),
    /** what each further header line is: a column's name, perhaps with its unit in brackets */
    name: regex,
    /** the header of the column of project names; a table without one is not read this way */
    project: z.array(regex).min(1),
    /** the header of the column of places (建设地点), right before the figures: each row's region */
    place: z.array(regex).min(1),
    /** the header of a column that gives each row's batch (类别: 签约 / 开工 / 投产), and what its cells say */
    batch: z.array(regex).default([]),
    batch_cells: z.object({ signed: regex, started: regex, producing: regex }).optional(),
    /** the header of a column of figures that carry their own unit (总投资 | 15.5亿元), where the header names none */
    figure: z.array(regex).default([]),
    /** a line that starts a row: its serial number */
    serial: regex,
    /** a line that heads a group of rows (一、签约一批(5个)) */
    section: regex,
    /** a row of sums: its figures are mentions, but no project's */
    total: regex,
    /** page furniture inside the table (第 1 页 共 3 页), skipped */
    page: regex,
    /** a line that ends the table (注:…) */
    end: regex,
  }),
  examples: examplesField,
});
export type TableRules = z.infer<typeof tableRules>;
