import type { Batch, NormText, Span, StatTable } from '../../model.js';
import type { TableRules } from './rules.js';

// Statistical tables as PDF and OCR text gives them (统计公报): a header line of column names
// (指标 绝对数 比上年增长(%)), then one line a row: a label, then bare figures, one a column.
// The normalised text has lost the spaces that separate the header's names and a label from its
// first figure, so the columns are read from the source line.

interface Compiled {
  headerFirst: RegExp; headerStart: RegExp; cell: RegExp; unit: RegExp; unitHeader: RegExp; unitCell: RegExp; skip: RegExp;
  /** a figure written with its own unit (15.5亿元) */
  unitFigure: RegExp;
  /** a unit alone (亿元, %) */
  unitOnly: RegExp;
  textHeader: RegExp;
  batchCells: [Batch, RegExp][];
  col: { first: RegExp; name: RegExp; project: RegExp; place: RegExp; batch: RegExp; figure: RegExp; serial: RegExp; section: RegExp; total: RegExp; page: RegExp; end: RegExp };
}
const whole = (alternatives: string[] | string) => new RegExp(`^(?:${Array.isArray(alternatives) ? alternatives.join('|') : alternatives})$`, 'u');
const compiledCache = new WeakMap<TableRules, Compiled>();
function compile(rules: TableRules): Compiled {
  let c = compiledCache.get(rules);
  if (!c) {
    c = {
      headerFirst: new RegExp(`^(?:${rules.header_first.join('|')})$`, 'u'),
      headerStart: new RegExp(`^\\s*(?:${rules.header_first.join('|')})`, 'u'),
      cell: new RegExp(`^(?:${rules.cell})$`, 'u'),
      unitFigure: new RegExp(`^(?:${rules.cell})(?:${rules.unit})$`, 'u'),
      unitOnly: new RegExp(`^(?:${rules.unit})$`, 'u'),
      unit: new RegExp(`[(（]\\s*(${rules.unit})\\s*[)）]\\s*$`, 'u'),
      skip: new RegExp(`^(?:${rules.label_marks})+`, 'u'),
      unitHeader: new RegExp(`^(?:${rules.unit_header.join('|')})$`, 'u'),
      unitCell: new RegExp(`^(?:${rules.unit_cell})$`, 'u'),
      textHeader: rules.text_header.length ? whole(rules.text_header) : /(?!)/u,
      batchCells: rules.columns.batch_cells
        ? (Object.entries(rules.columns.batch_cells) as [Batch, string][]).map(([b, re]) => [b, whole(re)])
        : [],
      col: {
        first: whole(rules.columns.first),
        name: whole(rules.columns.name),
        project: whole(rules.columns.project),
        place: whole(rules.columns.place),
        batch: rules.columns.batch.length ? whole(rules.columns.batch) : /(?!)/u,
        figure: rules.columns.figure.length ? whole(rules.columns.figure) : /(?!)/u,
        serial: whole(rules.columns.serial),
        section: whole(rules.columns.section),
        total: whole(rules.columns.total),
        page: whole(rules.columns.page),
        end: whole(rules.columns.end),
      },
    };
    compiledCache.set(rules, c);
  }
  return c;
}

const FIELD = /\S+/gu;
/** An HTML table row's cells: what stands between a <td>/<th> and the next cell or row tag (inline tags may stand inside). */
const HTML_CELL = /(?<=<t[dh](?:\s[^>]*)?>)[^<]*(?:<(?!\/?t[dhr][\s>])[^>]*>[^<]*)*/giu;
const HTML_ROW = /<t[dh][\s>]/iu;
/** A Markdown pipe table row's cells: what stands between two pipes, without the spaces at its ends. */
const PIPE_CELL = /[^|\s](?:[^|]*[^|\s])?/gu;

/** The source line of a paragraph, and each field of it (by default, what whitespace separates) with its normalised span. */
function fields(norm: NormText, source: string, p: Span, field = FIELD): { text: string; span: Span | null }[] {
  let s = norm.toSource[p.nStart];
  const e = norm.toSourceEnd[p.nEnd - 1];
  // (an HTML row's first cell opens before its first character: read from its tag)
  if (field === HTML_CELL) s = Math.max(0, source.lastIndexOf('<t', s));
  if (field === PIPE_CELL) s = source.lastIndexOf('\n', s) + 1;
  const line = source.slice(s, e);
  const out: { text: string; span: Span | null }[] = [];
  let a = p.nStart;
  for (const f of line.matchAll(field)) {
    const fs = s + f.index!;
    const fe = fs + f[0].length;
    // the normalised characters standing for this field (none when markup or folding removed it all)
    while (a < p.nEnd && norm.toSource[a] < fs) a++;
    let b = a;
    while (b < p.nEnd && norm.toSourceEnd[b] <= fe) b++;
    const text = field === HTML_CELL ? f[0].replace(/<[^>]*>|&nbsp;|\s+/giu, '') : field === PIPE_CELL ? f[0].replace(/\*\*|__|\s+/gu, '') : f[0];
    out.push({ text, span: b > a ? { nStart: a, nEnd: b } : null });
  }
  return out;
}

/** The label's unit, from a bracket at its end (地区生产总值(亿元) → 亿元). */
function unitOf(c: Compiled, label: string): string | null {
  return c.unit.exec(label)?.[1] ?? null;
}

export function statTables(norm: NormText, source: string, paras: Span[], rules: TableRules): StatTable[] {
  const c = compile(rules);
  const tables = indicatorTables(c, norm, source, paras);
  const byColumn = [...columnTables(c, norm.text, paras), ...rowTables(c, norm, source, paras)];
  return byColumn.length ? [...tables, ...byColumn].sort((a, b) => a.head.nStart - b.head.nStart) : tables;
}

function indicatorTables(c: Compiled, norm: NormText, source: string, paras: Span[]): StatTable[] {
  const tables: StatTable[] = [];
  for (let k = 0; k < paras.length; k++) {
    // most paragraphs are prose: look at the source line only where the text starts like a header
    if (!c.headerStart.test(norm.text.slice(paras[k].nStart, paras[k].nStart + 12))) continue;
    const head = lineFields(norm, source, paras[k]);
    // (a first name spaced out over the column, 指　　标, is one name)
    if (head.length >= 3 && head[0].text.length === 1 && head[1].text.length === 1 && c.headerFirst.test(head[0].text + head[1].text)
      && head[0].span && head[1].span) {
      head.splice(0, 2, { text: head[0].text + head[1].text, span: { nStart: head[0].span.nStart, nEnd: head[1].span.nEnd } });
    }
    // names, not figures: a column may be a year or a period (指标 2025年 比上年增长(%); 指标 1—11月 同比增长)
    if (head.length < 2 || !c.headerFirst.test(head[0].text)
      || head.some((f) => /\d/u.test(f.text.replace(c.unit, '').replace(/(?:19|20)\d{2}年|\d{1,2}\s*[—–~-]\s*\d{1,2}\s*月份?|\d{1,2}月份?/gu, '')))) continue;
    // a unit line above the header (单位：亿元，%): the growth columns' unit is its %, the others' its first
    const unitLine = k > 0 ? /^单位[:：]\s*(.+)$/u.exec(norm.text.slice(paras[k - 1].nStart, paras[k - 1].nEnd).trim()) : null;
    const lineUnits = unitLine ? unitLine[1].split(/[,，、;；]\s*/u).filter((u) => c.unitOnly.test(u)) : [];
    // (the others' unit is every row's that names none: 施工项目个数(个) keeps its own)
    const lineUnit = (label: string) => (/增长|增速|比重|占比|增幅|率/u.test(label) ? lineUnits.find((u) => u === '%') ?? null : null);
    const rowUnit = lineUnits.find((u) => u !== '%') ?? null;
    // (a column headed by a batch and no unit, 签约 | 开工 | 投产, counts that batch's projects)
    const columns = head.slice(1).map((f) => ({
      label: f.text.replace(c.unit, ''),
      unit: unitOf(c, f.text) ?? (c.batchCells.some(([, re]) => re.test(f.text)) ? '个' : lineUnit(f.text)),
    }));
    // a column of units (指标 单位 2025年 比上年增长(%)): each row's unit is its cell there
    const unitColumn = columns.findIndex((col) => c.unitHeader.test(col.label));
    const words = columns.map((col) => c.textHeader.test(col.label));
    const rows: StatTable['rows'] = [];
    let r = k + 1;
    for (; r < paras.length; r++) {
      const fs = lineFields(norm, source, paras[r]);
      // a row: a label (perhaps of several words), then as many cells as there are columns
      const n = columns.length;
      if (fs.length < n + 1) break;
      const cells = fs.slice(fs.length - n);
      if (!cells.every((f, j) => words[j] || (j === unitColumn ? c.unitCell.test(f.text) : c.cell.test(f.text) || c.unitFigure.test(f.text)))) break;
      const labelFields = fs.slice(0, fs.length - n);
      if (labelFields.some((f) => !f.span) || /^\d/u.test(labelFields[0].text)) break;
      const labelText = labelFields.map((f) => f.text).join('');
      const first = labelFields[0].span!;
      const last = labelFields[labelFields.length - 1].span!;
      rows.push({
        label: { nStart: first.nStart, nEnd: last.nEnd },
        name: labelText.replace(c.unit, '').replace(c.skip, ''),
        unit: unitColumn >= 0 ? cells[unitColumn].text : unitOf(c, labelText) ?? rowUnit,
        cells: cells.flatMap((f, j) => (f.span && j !== unitColumn && !words[j] ? [{ ...f.span, column: j, text: f.text }] : [])),
      });
    }
    if (rows.length) tables.push({ of: 'statistics', head: paras[k], columns, rows });
    k = r - 1;
  }
  return tables;
}

/** How wide a line prints: a CJK character takes two columns, an ASCII one one. */
function printWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0xff ? 2 : 1;
  return w;
}

type Line = Span & { text: string };

/**
 * Project tables copied from a PDF one cell a line: 序号 ⏎ 项目名称 ⏎ 建设单位 ⏎ 建设地点 ⏎ 总投资(亿元) ⏎ …, then each
 * row from its serial number. A cell wider than its column wraps onto lines as wide as the column, so a
 * project's name runs on while its line is full; the row's figures are its first run of bare figures (one per
 * column with a unit), and its place the line right before them when the place column stands there.
 */
function columnTables(c: Compiled, text: string, paras: Span[]): StatTable[] {
  const tables: StatTable[] = [];
  const line = (p: Span): Line => {
    let s = p.nStart, e = p.nEnd;
    while (s < e && /\s/u.test(text[s])) s++;
    while (e > s && /\s/u.test(text[e - 1])) e--;
    return { nStart: s, nEnd: e, text: text.slice(s, e) };
  };
  for (let k = 0; k < paras.length; k++) {
    if (paras[k].nEnd - paras[k].nStart > 8 || !c.col.first.test(line(paras[k]).text)) continue;
    const names: string[] = [];
    let j = k + 1;
    for (; j < paras.length; j++) {
      const t = line(paras[j]).text;
      if (!c.col.name.test(t) || c.col.section.test(t) || c.col.total.test(t)) break;
      names.push(t);
    }
    const project = names.findIndex((n) => c.col.project.test(n));
    if (names.length < 3 || project < 0) continue;
    const columns = names.map((n) => ({ label: n.replace(c.unit, ''), unit: unitOf(c, n) }));
    const figureColumns = columns.flatMap((col, i) => (col.unit ? [i] : []));
    if (!figureColumns.length || figureColumns[0] <= project) continue;
    const place = c.col.place.test(columns[figureColumns[0] - 1].label) ? figureColumns[0] - 1 : -1;

    // the rows, as lines: each from its serial number (or a 合计 line) to the next
    const raw: { total: boolean; lines: Line[] }[] = [];
    let row: { total: boolean; lines: Line[] } | null = null;
    let r = j;
    for (; r < paras.length; r++) {
      const l = line(paras[r]);
      if (c.col.end.test(l.text)) break;
      if (c.col.page.test(l.text)) continue;
      if (c.col.first.test(l.text)) {
        // the header again, on a new page
        let h = 0;
        while (h < names.length && r + 1 < paras.length && line(paras[r + 1]).text === names[h]) { r++; h++; }
        continue;
      }
      if (c.col.serial.test(l.text)) { raw.push((row = { total: false, lines: [] })); continue; }
      if (c.col.total.test(l.text)) { raw.push((row = { total: true, lines: [l] })); continue; }
      if (c.col.section.test(l.text)) { row = null; continue; }
      // a line outside a row that is none of the above: the table has ended
      if (!row) break;
      row.lines.push(l);
    }

    // a name column's width: the widest first line of a name, when at least two names fill it (else nothing wrapped)
    const firsts = raw.filter((x) => !x.total && x.lines.length).map((x) => printWidth(x.lines[0].text));
    const width = Math.max(0, ...firsts);
    const wraps = firsts.filter((w) => w >= width - 1).length >= 2;

    const rows: StatTable['rows'] = [];
    for (const x of raw) {
      const at = x.lines.findIndex((l, i) => (x.total || i > 0) && c.cell.test(l.text));
      if (at < 0) continue;
      let end = at;
      while (end < x.lines.length && c.cell.test(x.lines[end].text)) end++;
      const figures = x.lines.slice(at, end);
      if (figures.length !== figureColumns.length) continue;
      const cells = figures.flatMap((f, i) => (/\d/u.test(f.text) ? [{ nStart: f.nStart, nEnd: f.nEnd, column: figureColumns[i], text: f.text }] : []));
      if (x.total) {
        rows.push({ label: x.lines[0], name: x.lines[0].text, unit: null, cells, total: true });
        continue;
      }
      // the text cells before the figures: the name first, each column after it at least a line, the place last
      const before = x.lines.slice(0, at);
      const others = figureColumns[0] - project - 1;
      if (before.length < 1 + others) continue;
      let n = 1;
      while (wraps && n < before.length - others && printWidth(before[n - 1].text) >= width - 1) n++;
      const nameLines = before.slice(0, n);
      rows.push({
        label: { nStart: nameLines[0].nStart, nEnd: nameLines[n - 1].nEnd },
        name: nameLines.map((l) => l.text).join(''),
        unit: null,
        cells,
        ...(place >= 0 && before.length > n ? { place: before[before.length - 1].text } : {}),
      });
    }
    if (rows.some((x) => !x.total)) tables.push({ of: 'projects', head: paras[k], columns, rows });
    k = r - 1;
  }
  return tables;
}

/** Where a span starts on its source line, in printed columns. */
function printColumn(norm: NormText, source: string, span: Span): number {
  const s = norm.toSource[span.nStart];
  return printWidth(source.slice(source.lastIndexOf('\n', s - 1) + 1, s));
}

/** The paragraph's source line starts with whitespace (a wrapped cell's continuation under its column). */
function indented(norm: NormText, source: string, p: Span): boolean {
  const s = norm.toSource[p.nStart];
  const lineStart = source.lastIndexOf('\n', s - 1) + 1;
  return s > lineStart && /^[ \t\u3000]+$/u.test(source.slice(lineStart, s));
}

/** A cell of a row: words with at most single spaces inside (an OCR space: 汝瓷小镇 文旅综合体项目, 1 5.6); tabs,
 *  full-width spaces and runs of spaces stand between cells. */
const CELL = /\S(?:\S| (?=\S))*/gu;

/** A source line's cells, their text without the OCR spaces, each with its normalised span. */
function rowCells(norm: NormText, source: string, p: Span): { text: string; span: Span | null }[] {
  const marked = markupCells(norm, source, p);
  if (marked) return fields(norm, source, p, marked);
  return fields(norm, source, p, CELL).map((f) => ({ text: f.text.replace(/\s+/gu, ''), span: f.span }));
}

/** A source line's fields: an HTML or a Markdown table row's cells, else what whitespace separates. */
function lineFields(norm: NormText, source: string, p: Span): { text: string; span: Span | null }[] {
  return fields(norm, source, p, markupCells(norm, source, p) ?? FIELD);
}

/** How the cells of a row of an HTML or a Markdown table are found, when the paragraph is one. */
function markupCells(norm: NormText, source: string, p: Span): RegExp | null {
  return htmlRow(norm, source, p) ? HTML_CELL : pipeRow(norm, source, p) ? PIPE_CELL : null;
}

/** The paragraph's source is a row of a Markdown pipe table (| 淇县 | 10 | 64.7 |). */
function pipeRow(norm: NormText, source: string, p: Span): boolean {
  const s = norm.toSource[p.nStart];
  const lineStart = source.lastIndexOf('\n', s) + 1;
  return /^\s*\|/u.test(source.slice(lineStart, s + 1));
}

/** The paragraph's source is a row of an HTML table (<td>…). */
function htmlRow(norm: NormText, source: string, p: Span): boolean {
  return HTML_ROW.test(source.slice(Math.max(0, norm.toSource[p.nStart] - 40), norm.toSourceEnd[p.nEnd - 1]));
}

/**
 * Project tables one row a line, cells apart by tabs or runs of spaces (序号 项目名称 建设地点 总投资(亿元) 类别, then
 * 1 X项目 汝南街道 15.6 签约): each row's figures take their column's unit and metric, its name, place and batch.
 */
function rowTables(c: Compiled, norm: NormText, source: string, paras: Span[]): StatTable[] {
  const tables: StatTable[] = [];
  for (let k = 0; k < paras.length; k++) {
    // the cheap test first: a header starts with its serial column's name
    if (!c.col.first.test(norm.text.slice(paras[k].nStart, paras[k].nStart + 2))) continue;
    const head = rowCells(norm, source, paras[k]);
    if (head.length < 3 || !c.col.first.test(head[0].text)) continue;
    // a header whose units wrap onto an indented line under their names (总投资⏎（万元）, 年度计划⏎投资（万元）): each
    // goes to the name it stands under
    const headAt = k;
    if (k + 1 < paras.length && indented(norm, source, paras[k + 1])) {
      const under = rowCells(norm, source, paras[k + 1]);
      if (under.length && under.every((u) => u.span && c.unit.test(u.text))) {
        const starts = head.map((h) => (h.span ? printColumn(norm, source, h.span) : -1));
        for (const u of under) {
          const at = printColumn(norm, source, u.span!);
          let j = -1;
          for (let i = 0; i < head.length; i++) if (starts[i] >= 0 && starts[i] <= at + 2) j = i;
          if (j >= 0) head[j] = { text: head[j].text + u.text, span: head[j].span };
        }
        k++;
      }
    }
    const columns = head.map((h) => ({ label: h.text.replace(c.unit, ''), unit: unitOf(c, h.text) }));
    const project = columns.findIndex((col) => c.col.project.test(col.label));
    // figures: a column with a unit in its header (总投资(亿元)), or one whose cells carry their own (总投资 | 15.5亿元)
    const figureColumn = columns.map((col, i) => i > project && (col.unit !== null || c.col.figure.test(col.label)));
    if (project < 0 || !figureColumn.some(Boolean)) continue;
    const place = columns.findIndex((col) => c.col.place.test(col.label));
    const batch = columns.findIndex((col) => c.col.batch.test(col.label));
    const rows: StatTable['rows'] = [];
    let r = k + 1;
    // a spreadsheet's rows copied as text, cells apart by tabs (empty ones too) and a cell with a line break quoted
    if (tabLine(norm, source, paras[headAt])) {
      r = tabRows(c, norm, source, paras, r, columns, project, figureColumn, place, batch, rows);
      if (rows.some((x) => !x.total)) tables.push({ of: 'projects', head: paras[headAt], columns, rows });
      k = r - 1;
      continue;
    }
    for (; r < paras.length; r++) {
      let cells = rowCells(norm, source, paras[r]);
      // a row whose name wraps (1 X…⏎      …项目  12.0  签约): the serial and the name's start, then an indented line with
      // the rest of the name and the other cells
      if (cells.length === project + 1 && project > 0 && c.col.serial.test(cells[0].text) && r + 1 < paras.length && indented(norm, source, paras[r + 1])) {
        const next = rowCells(norm, source, paras[r + 1]);
        const start = cells[project].span, rest = next[0]?.span;
        if (next.length === columns.length - project && start && rest && !c.col.serial.test(next[0].text)) {
          cells = [...cells.slice(0, project), { text: cells[project].text + next[0].text, span: { nStart: start.nStart, nEnd: rest.nEnd } }, ...next.slice(1)];
          r++;
        }
      }
      if (cells.length === 1 && c.col.page.test(cells[0].text)) continue;
      // a section's heading across the table (一、签约一批(5个)): the rows go on under it
      if (cells.length === 1 && c.col.section.test(cells[0].text)) continue;
      if (c.col.total.test(cells[0].text)) {
        // a 合计 row leaves cells empty: its figures, in order, are those of the columns with a unit
        const units = columns.flatMap((col, j) => (figureColumn[j] ? [j] : []));
        const figures = cells.slice(1).filter((x) => x.span && c.cell.test(x.text));
        if (figures.length !== units.length) break;
        const sums = figures.map((x, i) => ({ ...x.span!, column: units[i], text: x.text }));
        rows.push({ label: cells[0].span ?? paras[r], name: cells[0].text, unit: null, cells: sums, total: true });
        continue;
      }
      // (a long cell's wrapped lines, indented under its column: 建设内容 ⏎ …施，总建筑面积8.6万平方米)
      if (cells.length < columns.length && rows.length && indented(norm, source, paras[r]) && !c.col.serial.test(cells[0].text)) continue;
      if (cells.length !== columns.length || !c.col.serial.test(cells[0].text)) break;
      if (!cells[project].span) break;
      rows.push(projectRow(c, columns, figureColumn, cells, project, place, batch));
    }
    if (rows.some((x) => !x.total)) tables.push({ of: 'projects', head: paras[headAt], columns, rows });
    k = r - 1;
  }
  return tables;
}

/** The paragraph's source line has a tab in it. */
function tabLine(norm: NormText, source: string, p: Span): boolean {
  const s = norm.toSource[p.nStart];
  const lineStart = source.lastIndexOf('\n', s - 1) + 1;
  let e = source.indexOf('\n', s);
  if (e < 0) e = source.length;
  return source.slice(lineStart, e).includes('\t');
}

type Cell = { text: string; span: Span | null };

/** The row of a spreadsheet copied as text that starts at paragraph r: its cells, split at the tabs outside quotes
 *  (a cell with a line break in it is quoted: "…⏎…"), empty ones too, and the paragraph after it. */
function tabRow(norm: NormText, source: string, paras: Span[], r: number): { cells: Cell[]; next: number } | null {
  const s = norm.toSource[paras[r].nStart];
  const lineStart = source.lastIndexOf('\n', s - 1) + 1;
  let e = lineStart;
  let quoted = false;
  for (; e < source.length; e++) {
    const ch = source[e];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) break;
  }
  const line = source.slice(lineStart, e);
  if (!line.includes('\t')) return null;
  let next = r + 1;
  while (next < paras.length && norm.toSource[paras[next].nStart] < e) next++;
  const from = paras[r].nStart, to = paras[next - 1].nEnd;
  const cells: Cell[] = [];
  let fs = lineStart;
  quoted = false;
  for (let k = lineStart; k <= e; k++) {
    const ch = k < e ? source[k] : '\t';
    if (ch === '"') quoted = !quoted;
    if (ch !== '\t' || (quoted && k < e)) continue;
    // the cell's content, past its quotes, and the normalised characters standing for it
    let cs = fs, ce = k;
    while (cs < ce && /\s/u.test(source[cs])) cs++;
    while (ce > cs && /\s/u.test(source[ce - 1])) ce--;
    if (ce - cs >= 2 && source[cs] === '"' && source[ce - 1] === '"') { cs++; ce--; }
    let a = from;
    while (a < to && norm.toSource[a] < cs) a++;
    let b = a;
    while (b < to && norm.toSourceEnd[b] <= ce) b++;
    const text = source.slice(cs, ce).replace(/""/gu, '"').replace(/\s+/gu, '');
    cells.push({ text, span: b > a && text ? { nStart: a, nEnd: b } : null });
    fs = k + 1;
  }
  return { cells, next };
}

/** The rows of a spreadsheet's table copied as text, from paragraph r on, into rows; returns the paragraph after them. */
function tabRows(c: Compiled, norm: NormText, source: string, paras: Span[], r: number, columns: StatTable['columns'], project: number,
  figureColumn: boolean[], place: number, batch: number, rows: StatTable['rows']): number {
  while (r < paras.length) {
    const row = tabRow(norm, source, paras, r);
    if (!row) break;
    const cells = row.cells;
    const filled = cells.filter((x) => x.text);
    // a section's heading across the table (一、签约项目) or an empty line of tabs: the rows go on under it
    if (filled.length === 0 || (filled.length === 1 && c.col.section.test(filled[0].text))) { r = row.next; continue; }
    // a 小计 or 合计 row (its label in the serial's cell or the name's): its figures, in their columns, are sums
    const totalAt = cells.slice(0, project + 1).findIndex((x) => c.col.total.test(x.text));
    if (totalAt >= 0) {
      const numbers = cells.flatMap((x, j) => (x.span && /\d/u.test(x.text) ? [{ ...x.span, column: j, text: x.text }] : []));
      // (a sum typed with fewer tabs, 合计⇥⇥24.2: in order, the columns with a unit)
      const units = columns.flatMap((col, j) => (figureColumn[j] ? [j] : []));
      const sums = numbers.every((x) => figureColumn[x.column]) ? numbers
        : numbers.length <= units.length ? numbers.map((x, i) => ({ ...x, column: units[i] })) : [];
      rows.push({ label: cells[totalAt].span ?? paras[r], name: cells[totalAt].text, unit: null, cells: sums, total: true });
      r = row.next;
      continue;
    }
    if (!c.col.serial.test(cells[0].text) || !cells[project]?.span) break;
    rows.push(projectRow(c, columns, figureColumn, cells, project, place, batch));
    r = row.next;
  }
  return r;
}

/** A project table's row: its project's name, its figures (the cells of the figure columns), its place and batch cells. */
function projectRow(c: Compiled, columns: StatTable['columns'], figureColumn: boolean[], cells: Cell[], project: number, place: number,
  batch: number): StatTable['rows'][number] {
  const figures = columns.flatMap((col, j) => {
    const x = cells[j];
    if (!x?.span || !figureColumn[j] || !/\d/u.test(x.text)) return [];
    return (col.unit ? c.cell.test(x.text) : c.unitFigure.test(x.text)) ? [{ ...x.span, column: j, text: x.text }] : [];
  });
  const batchCell = batch >= 0 ? cells[batch] : undefined;
  return {
    label: cells[project].span!,
    name: cells[project].text,
    unit: null,
    cells: figures,
    ...(place >= 0 && place !== project && cells[place]?.text ? { place: cells[place].text } : {}),
    ...(batchCell?.text ? { batch: c.batchCells.find(([, re]) => re.test(batchCell.text))?.[0] } : {}),
    ...(batchCell?.span ? { batchCell: batchCell.span } : {}),
  };
}
