// Markup → the visible characters, each with the source range it came from. Tags and markdown marks
// are dropped (block tags become a line break, table cells a tab), entities become their character: the source itself
// is never rewritten, so offsets stay offsets into the file as decoded.

export type SourceFormat = 'text' | 'markdown' | 'html';

/** The visible text; `start`/`end` give each character's source range (absent: the identity). */
export interface Cells {
  text: string;
  start?: Int32Array;
  end?: Int32Array;
}

class CellBuilder {
  private chars: string[] = [];
  private start: number[] = [];
  private end: number[] = [];
  push(ch: string, s: number, e: number) {
    this.chars.push(ch);
    this.start.push(s);
    this.end.push(e);
  }
  build(): Cells {
    return { text: this.chars.join(''), start: Int32Array.from(this.start), end: Int32Array.from(this.end) };
  }
}

export function formatOf(path: string): SourceFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.html') || p.endsWith('.htm')) return 'html';
  if (p.endsWith('.md') || p.endsWith('.markdown')) return 'markdown';
  return 'text';
}

export function markup(source: string, format: SourceFormat): Cells {
  if (format === 'html') return html(source);
  if (format === 'markdown') return markdown(source);
  return { text: source };
}

const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'tr', 'table',
  'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'title', 'dd', 'dt', 'figcaption',
]);
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head']);
const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', mdash: '—',
  ndash: '–', hellip: '…', middot: '·', times: '×', yen: '¥', emsp: ' ', ensp: ' ',
};

function html(src: string): Cells {
  const cells = new CellBuilder();
  const push = (ch: string, s: number, e: number) => cells.push(ch, s, e);
  // inside a table's row its cells stay on one line, whatever the source's line breaks or the blocks in a cell
  // (<td>\n<p>总投资<br>（亿元）</p></td>, as Word pastes them)
  let inRow = false;
  let inCell = false;
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '<') {
      if (src.startsWith('<!--', i)) {
        const close = src.indexOf('-->', i + 4);
        i = close < 0 ? src.length : close + 3;
        continue;
      }
      const m = /^<\/?([A-Za-z][A-Za-z0-9-]*)[^>]*>/.exec(src.slice(i, i + 2000));
      if (!m) { push(ch, i, i + 1); i++; continue; }
      const name = m[1].toLowerCase();
      const isClose = m[0][1] === '/';
      const tagEnd = i + m[0].length;
      if (!isClose && HIDDEN.has(name) && name !== 'head') {
        const closeTag = new RegExp(`</${name}`, 'ig');
        closeTag.lastIndex = tagEnd;
        const close = closeTag.exec(src)?.index ?? -1;
        const after = close < 0 ? src.length : src.indexOf('>', close) + 1 || src.length;
        i = after;
        continue;
      }
      if (name === 'tr') { inRow = !isClose; inCell = false; }
      else if (name === 'td' || name === 'th') inCell = !isClose;
      else if (name === 'table' && isClose) { inRow = false; inCell = false; }
      if (BLOCK.has(name) && !(inCell && name !== 'tr' && name !== 'table')) push('\n', i, tagEnd);
      // a table's cells stay on their row's line, apart by tabs, as a table copied as text has them
      else if (!isClose && (name === 'td' || name === 'th')) push('\t', i, tagEnd);
      i = tagEnd;
      continue;
    }
    if (ch === '&') {
      const m = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(src.slice(i, i + 12));
      if (m) {
        const body = m[1];
        let decoded: string | undefined;
        if (body.startsWith('#x')) decoded = String.fromCodePoint(parseInt(body.slice(2), 16));
        else if (body.startsWith('#')) decoded = String.fromCodePoint(parseInt(body.slice(1), 10));
        else decoded = ENTITIES[body.toLowerCase()];
        if (decoded !== undefined && decoded.length === 1) {
          push(decoded, i, i + m[0].length);
          i += m[0].length;
          continue;
        }
      }
    }
    // (a line break inside a row is the source's layout, not the table's)
    if (inRow && (ch === '\n' || ch === '\r')) { i++; continue; }
    push(ch, i, i + 1);
    i++;
  }
  return cells.build();
}

// Markdown marks that carry no words: heading hashes, list bullets, quote marks, emphasis.
const LINE_MARK = /^(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/;

// A pipe table's row (| 淇县 | 10 | 64.7 |) and the line under its header (| --- | ---: |).
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$/;

function markdown(src: string): Cells {
  const cells = new CellBuilder();
  let i = 0;
  while (i < src.length) {
    const lineEnd = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i) + 1;
    const line = src.slice(i, lineEnd);
    // a pipe table is read as a table copied as text: a row a line, its cells apart by tabs; the rule under
    // the header carries nothing
    const bare = line.replace(/\r?\n$/, '');
    if (TABLE_RULE.test(bare)) { i = lineEnd; continue; }
    if (TABLE_ROW.test(bare)) {
      const firstPipe = line.indexOf('|');
      for (let k = 0; k < line.length; k++) {
        const ch = line[k];
        if (ch === '|') { if (k > firstPipe) cells.push('\t', i + k, i + k + 1); continue; }
        if ((ch === '*' || ch === '_') && line[k + 1] === ch) { k++; continue; }
        cells.push(ch, i + k, i + k + 1);
      }
      i = lineEnd;
      continue;
    }
    const mark = LINE_MARK.exec(line);
    let k = mark ? mark[0].length : 0;
    while (k < line.length) {
      if ((line[k] === '*' || line[k] === '_') && line[k + 1] === line[k]) { k += 2; continue; }
      if (line[k] === '`') { k++; continue; }
      cells.push(line[k], i + k, i + k + 1);
      k++;
    }
    i = lineEnd;
  }
  return cells.build();
}
