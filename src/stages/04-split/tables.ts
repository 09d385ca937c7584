import type { NormText, Span, StatTable } from '../../model.js';
import type { TableRules } from './rules.js';

// Statistical tables as PDF and OCR text gives them (统计公报): a header line of column names
// (指标 绝对数 比上年增长(%)), then one line a row: a label, then bare figures, one a column.
// The normalised text has lost the spaces that separate the header's names and a label from its
// first figure, so the columns are read from the source line.

interface Compiled { headerFirst: RegExp; headerStart: RegExp; cell: RegExp; unit: RegExp; unitHeader: RegExp; unitCell: RegExp; skip: RegExp }
const compiledCache = new WeakMap<TableRules, Compiled>();
function compile(rules: TableRules): Compiled {
  let c = compiledCache.get(rules);
  if (!c) {
    c = {
      headerFirst: new RegExp(`^(?:${rules.header_first.join('|')})$`, 'u'),
      headerStart: new RegExp(`^\\s*(?:${rules.header_first.join('|')})`, 'u'),
      cell: new RegExp(`^(?:${rules.cell})$`, 'u'),
      unit: new RegExp(`[(（]\\s*(${rules.unit})\\s*[)）]\\s*$`, 'u'),
      skip: new RegExp(`^(?:${rules.label_marks})+`, 'u'),
      unitHeader: new RegExp(`^(?:${rules.unit_header.join('|')})$`, 'u'),
      unitCell: new RegExp(`^(?:${rules.unit_cell})$`, 'u'),
    };
    compiledCache.set(rules, c);
  }
  return c;
}

const FIELD = /\S+/gu;

/** The source line of a paragraph, and each whitespace-separated field of it with its normalised span. */
function fields(norm: NormText, source: string, p: Span): { text: string; span: Span | null }[] {
  const s = norm.toSource[p.nStart];
  const e = norm.toSourceEnd[p.nEnd - 1];
  const line = source.slice(s, e);
  const out: { text: string; span: Span | null }[] = [];
  let a = p.nStart;
  for (const f of line.matchAll(FIELD)) {
    const fs = s + f.index!;
    const fe = fs + f[0].length;
    // the normalised characters standing for this field (none when markup or folding removed it all)
    while (a < p.nEnd && norm.toSource[a] < fs) a++;
    let b = a;
    while (b < p.nEnd && norm.toSourceEnd[b] <= fe) b++;
    out.push({ text: f[0], span: b > a ? { nStart: a, nEnd: b } : null });
  }
  return out;
}

/** The label's unit, from a bracket at its end (地区生产总值(亿元) → 亿元). */
function unitOf(c: Compiled, label: string): string | null {
  return c.unit.exec(label)?.[1] ?? null;
}

export function statTables(norm: NormText, source: string, paras: Span[], rules: TableRules): StatTable[] {
  const c = compile(rules);
  const tables: StatTable[] = [];
  for (let k = 0; k < paras.length; k++) {
    // most paragraphs are prose: look at the source line only where the text starts like a header
    if (!c.headerStart.test(norm.text.slice(paras[k].nStart, paras[k].nStart + 12))) continue;
    const head = fields(norm, source, paras[k]);
    // names, not figures: a column may be a year (指标 2025年 比上年增长(%))
    if (head.length < 2 || !c.headerFirst.test(head[0].text) || head.some((f) => /\d/u.test(f.text.replace(c.unit, '').replace(/(?:19|20)\d{2}年/u, '')))) continue;
    const columns = head.slice(1).map((f) => ({ label: f.text.replace(c.unit, ''), unit: unitOf(c, f.text) }));
    // a column of units (指标 单位 2025年 比上年增长(%)): each row's unit is its cell there
    const unitColumn = columns.findIndex((col) => c.unitHeader.test(col.label));
    const rows: StatTable['rows'] = [];
    let r = k + 1;
    for (; r < paras.length; r++) {
      const fs = fields(norm, source, paras[r]);
      // a row: a label (perhaps of several words), then as many cells as there are columns
      const n = columns.length;
      if (fs.length < n + 1) break;
      const cells = fs.slice(fs.length - n);
      if (!cells.every((f, j) => (j === unitColumn ? c.unitCell.test(f.text) : c.cell.test(f.text)))) break;
      const labelFields = fs.slice(0, fs.length - n);
      if (labelFields.some((f) => !f.span) || /^\d/u.test(labelFields[0].text)) break;
      const labelText = labelFields.map((f) => f.text).join('');
      const first = labelFields[0].span!;
      const last = labelFields[labelFields.length - 1].span!;
      rows.push({
        label: { nStart: first.nStart, nEnd: last.nEnd },
        name: labelText.replace(c.unit, '').replace(c.skip, ''),
        unit: unitColumn >= 0 ? cells[unitColumn].text : unitOf(c, labelText),
        cells: cells.flatMap((f, j) => (f.span && j !== unitColumn ? [{ ...f.span, column: j, text: f.text }] : [])),
      });
    }
    if (rows.length) tables.push({ head: paras[k], columns, rows });
    k = r - 1;
  }
  return tables;
}
