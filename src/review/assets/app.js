// @ts-check
// The review page. Article text is untrusted: everything from the database reaches the page as
// text nodes or attribute values (el() below), never as HTML.

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Creates an element; children are nodes or strings (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|number|null|undefined|false)} children
 */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === 'object' ? c : String(c));
  return e;
}

const state = {
  reviewer: '',
  /** @type {{metrics: string[], batches: string[]}} */
  vocab: { metrics: [], batches: [] },
  /** @type {any[]} */ docs: [],
  /** @type {number|null} */ docId: null,
  /** @type {any} */ doc: null,
  /** @type {{target: 'fact'|'project', row: any, li: HTMLElement}[]} */ items: [],
  selected: -1,
  /** @type {Map<string, HTMLElement[]>} span key → the source segments it covers */
  segments: new Map(),
  editing: false,
};

/** @param {string} message @param {boolean} [bad] */
function flash(message, bad = false) {
  const s = $('status');
  s.textContent = message;
  s.className = bad ? 'error' : '';
}

/** @param {string} path @param {RequestInit} [init] */
async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

// ---- values --------------------------------------------------------------------------------

/** An exact decimal string divided by 10^n, as a string (no floating point). */
function shift(/** @type {string} */ v, /** @type {number} */ n) {
  const neg = v.startsWith('-');
  const [i0, f = ''] = v.replace('-', '').split('.');
  const i = i0.padStart(n + 1, '0');
  const whole = i.slice(0, i.length - n).replace(/^0+(?=\d)/, '');
  const frac = (i.slice(i.length - n) + f).replace(/0+$/, '');
  return (neg ? '-' : '') + whole + (frac ? '.' + frac : '');
}

/** How a value reads to an editor, e.g. 18630000000 CNY → "186.3亿元". */
function human(/** @type {string} */ value, /** @type {string|null} */ unit) {
  if (unit === 'CNY') {
    const digits = value.replace('-', '').split('.')[0].length;
    if (digits > 8) return shift(value, 8) + '亿元';
    if (digits > 4) return shift(value, 4) + '万元';
    return value + '元';
  }
  if (unit === '%') return value + '%';
  if (unit === 'pp') return value + '个百分点';
  return value + (unit ?? '');
}

/** @param {any} m a mention or fact row */
function valueText(m) {
  const v = m.value_max ? `${human(m.value, m.unit)}–${human(m.value_max, m.unit)}` : human(m.value, m.unit);
  return m.approx && m.approx !== 'exact' ? `${v} (${m.approx})` : v;
}

// ---- documents list --------------------------------------------------------------------------

let listTimer = 0;
function scheduleList() {
  clearTimeout(listTimer);
  listTimer = window.setTimeout(loadDocuments, 200);
}

async function loadDocuments() {
  const params = new URLSearchParams();
  const q = /** @type {HTMLInputElement} */ ($('q')).value.trim();
  const status = /** @type {HTMLSelectElement} */ ($('status-filter')).value;
  if (q) params.set('q', q);
  if (status) params.set('status', status);
  if (/** @type {HTMLInputElement} */ ($('todo')).checked) params.set('todo', '1');
  try {
    const data = await api('/api/documents?' + params);
    state.reviewer = data.reviewer;
    state.vocab = data.vocab;
    state.docs = data.documents;
    $('reviewer').textContent = `reviewer: ${data.reviewer}`;
    $('doc-count').textContent =
      data.total > data.documents.length ? `${data.documents.length} of ${data.total} documents (refine the search)` : `${data.total} documents`;
    renderDocuments();
  } catch (e) {
    flash(`could not list documents: ${/** @type {Error} */ (e).message}`, true);
  }
}

function renderDocuments() {
  const ul = $('documents');
  ul.replaceChildren(
    ...state.docs.map((d) =>
      el(
        'li',
        { class: `doc ${d.status}${d.id === state.docId ? ' current' : ''}`, 'data-id': d.id },
        el(
          'a',
          { href: `#doc=${d.id}` },
          el('span', { class: 'doc-title' }, d.title || d.path),
          el('span', { class: 'doc-path muted' }, d.path),
          el(
            'span',
            { class: 'doc-counts' },
            el('span', { class: `badge ${d.status}` }, d.status),
            ` facts ${d.facts}`,
            el('span', { class: d.unreviewed ? 'todo' : 'muted' }, ` · unreviewed ${d.unreviewed}`),
            d.failed_checks ? el('span', { class: 'error' }, ` · failed checks ${d.failed_checks}`) : ` · failed checks 0`,
          ),
          d.error ? el('span', { class: 'doc-error error' }, d.error) : null,
        ),
      ),
    ),
  );
}

/** @param {number} step */
function moveDocument(step) {
  if (!state.docs.length) return;
  const at = state.docs.findIndex((d) => d.id === state.docId);
  const next = state.docs[at === -1 ? (step > 0 ? 0 : state.docs.length - 1) : at + step];
  if (next) location.hash = `doc=${next.id}`;
  else flash(step > 0 ? 'last document in the list' : 'first document in the list');
}

// ---- one document ----------------------------------------------------------------------------

/** @param {number} id */
async function openDocument(id) {
  try {
    state.doc = await api(`/api/documents/${id}`);
  } catch (e) {
    flash(/** @type {Error} */ (e).message, true);
    return;
  }
  state.docId = id;
  state.selected = -1;
  state.editing = false;
  renderDocument();
  renderDocuments();
  flash('');
}

function renderDocument() {
  const { document: d, mentions, projects, facts, checks } = state.doc;
  $('empty').hidden = true;
  $('document').hidden = false;
  $('doc-title').textContent = d.title || d.path;
  $('doc-meta').textContent = `${d.path} · ${d.status} · ${d.encoding ?? '?'} · ${d.chars ?? 0} chars · sha256 ${d.sha256.slice(0, 12)}`;
  const err = $('doc-error');
  err.hidden = !d.error;
  err.textContent = d.error ? `failed: ${d.error}` : '';
  renderLegend(mentions);
  renderSource(d.source ?? '', mentions, projects);
  state.items = [
    ...facts.map((/** @type {any} */ f) => ({ target: /** @type {const} */ ('fact'), row: f, li: el('li') })),
    ...projects.map((/** @type {any} */ p) => ({ target: /** @type {const} */ ('project'), row: p, li: el('li') })),
  ];
  state.items.forEach((_, i) => renderItem(i));
  $('facts').replaceChildren(...state.items.filter((it) => it.target === 'fact').map((it) => it.li));
  $('projects').replaceChildren(...state.items.filter((it) => it.target === 'project').map((it) => it.li));
  const failed = checks.filter((/** @type {any} */ c) => c.status === 'fail');
  $('checks').replaceChildren(...failed.map(renderCheck));
  $('check-count').textContent = `${failed.length} of ${checks.length}`;
  updateCounts();
}

/** @param {any[]} mentions */
function renderLegend(mentions) {
  const kinds = [...new Set(mentions.map((m) => m.kind))].sort();
  $('legend').replaceChildren(
    ...kinds.map((k) => el('span', { class: `m m-${k}` }, k)),
    el('span', { class: 'project' }, 'project'),
    el('span', { class: 'evidence' }, 'selected evidence'),
  );
}

/**
 * The source text, cut at every span edge; each piece is a text node, or a <span> whose classes
 * say which mentions and projects cover it (spans may nest or overlap).
 * @param {string} text @param {any[]} mentions @param {any[]} projects
 */
function renderSource(text, mentions, projects) {
  const spans = [
    ...mentions.map((m) => ({ key: `m${m.id}`, start: m.char_start, end: m.char_end, cls: `m m-${m.kind}`, title: `${m.kind}: ${valueText(m)}` })),
    ...projects.map((p) => ({ key: `p${p.id}`, start: p.char_start, end: p.char_end, cls: 'project', title: `project: ${p.name}` })),
  ].filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  state.segments = new Map();
  /** @type {(Node|string)[]} */
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = text.slice(a, b);
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) {
      out.push(piece);
      continue;
    }
    const seg = el('span', { class: [...new Set(over.flatMap((s) => s.cls.split(' ')))].join(' '), title: over.map((s) => s.title).join('\n') }, piece);
    for (const s of over) {
      const list = state.segments.get(s.key) ?? [];
      list.push(seg);
      state.segments.set(s.key, list);
    }
    out.push(seg);
  }
  $('source').replaceChildren(...out);
}

/** The fields of an item as they now stand: the extraction overlaid with its latest correction. */
function effective(/** @type {any} */ row) {
  return row.review?.verdict === 'correct' ? { ...row, ...row.review.corrected } : row;
}

const FACT_FIELDS = ['value', 'value_max', 'metric', 'region', 'entity', 'batch', 'phase', 'year'];
const PROJECT_FIELDS = ['name', 'batch', 'phase'];

/** @param {number} i */
function renderItem(i) {
  const it = state.items[i];
  const r = it.row;
  const e = effective(r);
  const review = r.review;
  const verdict = review
    ? el('span', { class: `verdict ${review.verdict}`, title: `${review.reviewer}, ${review.created_at}` }, review.verdict)
    : el('span', { class: 'verdict none' }, 'unreviewed');
  /** @param {string} label @param {any} v */
  const slot = (label, v) => (v === null || v === undefined || v === '' ? null : el('span', { class: 'slot' }, el('span', { class: 'muted' }, label + ' '), String(v)));
  const changes =
    review?.verdict === 'correct'
      ? el('div', { class: 'changes' }, ...Object.entries(review.corrected).map(([k, v]) => el('span', { class: 'slot' }, `${k}: ${r[k] ?? '∅'} → ${v ?? '∅'}`)))
      : null;
  const body =
    it.target === 'fact'
      ? [
          el('div', { class: 'head' }, el('strong', {}, e.metric), ' ', el('span', { class: 'value' }, valueText(e)), ' ', verdict),
          el('div', { class: 'evidence-text' }, '“', r.text, '” ', el('span', { class: `m m-${r.kind}` }, r.kind)),
          el(
            'div',
            { class: 'slots' },
            slot('region', e.region), slot('entity', e.entity), slot('batch', e.batch), slot('phase', e.phase), slot('year', e.year),
            slot('rule', r.rule),
          ),
          changes,
        ]
      : [
          el('div', { class: 'head' }, el('strong', {}, e.name), ' ', verdict),
          el('div', { class: 'slots' }, slot('batch', e.batch), slot('phase', e.phase), slot('chars', `${r.char_start}–${r.char_end}`), slot('rule', r.rule)),
          changes,
        ];
  const li = el(
    'li',
    {
      class: `item ${it.target}${review ? ' reviewed' : ''}${i === state.selected ? ' selected' : ''}`,
      'data-target': it.target,
      'data-id': r.id,
      tabindex: -1,
      onclick: (/** @type {MouseEvent} */ ev) => {
        if (!(/** @type {HTMLElement} */ (ev.target).closest('form.edit'))) select(i);
      },
    },
    ...body,
  );
  it.li.replaceWith(li);
  it.li = li;
}

/** @param {any} c */
function renderCheck(c) {
  const byId = new Map(state.items.filter((it) => it.target === 'fact').map((it) => [it.row.id, it]));
  return el(
    'li',
    { class: 'check' },
    el('div', {}, el('strong', {}, c.kind), ` stated ${c.stated}, parts imply ${c.expected}`),
    c.detail ? el('div', { class: 'muted' }, c.detail) : null,
    el(
      'div',
      {},
      ...c.fact_ids.map((/** @type {number} */ id, /** @type {number} */ n) => {
        const it = byId.get(id);
        return el(
          'button',
          { type: 'button', class: 'link', onclick: () => it && select(state.items.indexOf(it)) },
          `${n === 0 ? 'whole' : 'part'}: ${it ? `${it.row.metric} “${it.row.text}”` : `fact ${id}`}`,
        );
      }),
    ),
  );
}

function updateCounts() {
  const facts = state.items.filter((it) => it.target === 'fact');
  const projects = state.items.filter((it) => it.target === 'project');
  const open = (/** @type {typeof facts} */ xs) => xs.filter((it) => !it.row.review).length;
  $('fact-count').textContent = `${facts.length}, ${open(facts)} unreviewed`;
  $('project-count').textContent = `${projects.length}, ${open(projects)} unreviewed`;
  const d = state.docs.find((x) => x.id === state.docId);
  if (d) {
    d.unreviewed = open(facts);
    renderDocuments();
  }
}

/** Selects an item: marks it, marks its evidence in the text and scrolls both into view. */
function select(/** @type {number} */ i) {
  if (state.editing && i === state.selected) return;
  if (state.editing) cancelEdit();
  const prev = state.items[state.selected];
  if (prev) prev.li.classList.remove('selected');
  for (const seg of document.querySelectorAll('#source .evidence')) seg.classList.remove('evidence');
  state.selected = i;
  const it = state.items[i];
  if (!it) return;
  it.li.classList.add('selected');
  it.li.scrollIntoView({ block: 'nearest' });
  const segs = state.segments.get(it.target === 'fact' ? `m${it.row.mention_id}` : `p${it.row.id}`) ?? [];
  for (const seg of segs) seg.classList.add('evidence');
  if (segs[0]) segs[0].scrollIntoView({ block: 'center' });
}

/** @param {number} step */
function moveUnreviewed(step) {
  const n = state.items.length;
  if (!n) return flash('nothing to review in this document');
  for (let k = 1; k <= n; k++) {
    const i = (((state.selected === -1 && step > 0 ? -1 : state.selected) + step * k) % n + n) % n;
    if (!state.items[i].row.review) return select(i);
  }
  flash('everything in this document is reviewed — n for the next document');
}

/** @param {'accept'|'reject'|'correct'} verdict @param {Record<string, any>} [corrected] */
async function decide(verdict, corrected) {
  const it = state.items[state.selected];
  if (!it) return flash('select a fact or project first (j)', true);
  const body = { target: it.target, id: it.row.id, verdict, ...(corrected ? { corrected } : {}) };
  try {
    const res = await api('/api/reviews', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    it.row.review = res.review;
  } catch (e) {
    return flash(`not saved: ${/** @type {Error} */ (e).message}`, true);
  }
  state.editing = false;
  const i = state.selected;
  renderItem(i);
  updateCounts();
  flash(`${verdict}: ${it.target} ${it.row.id}`);
  if (state.items.some((x) => !x.row.review)) moveUnreviewed(1);
  else {
    select(i);
    flash(`${verdict}: ${it.target} ${it.row.id} — document done, n for the next one`);
  }
}

// ---- correcting ------------------------------------------------------------------------------

function edit() {
  const it = state.items[state.selected];
  if (!it) return flash('select a fact or project first (j)', true);
  state.editing = true;
  const r = it.row;
  const e = effective(r);
  const fields = it.target === 'fact' ? FACT_FIELDS : PROJECT_FIELDS;
  /** @type {Record<string, HTMLInputElement|HTMLSelectElement>} */
  const inputs = {};
  const choice = (/** @type {string} */ name, /** @type {string[]} */ options, /** @type {boolean} */ blank) =>
    el('select', { name }, ...(blank ? [el('option', { value: '' }, '—')] : []), ...options.map((o) => el('option', { value: o }, o)));
  const rows = fields.map((f) => {
    const input =
      f === 'metric' ? choice(f, state.vocab.metrics, false)
      : f === 'batch' ? choice(f, state.vocab.batches, true)
      : el('input', { name: f, type: 'text', inputmode: ['value', 'value_max', 'year'].includes(f) ? 'decimal' : undefined, autocomplete: 'off' });
    /** @type {HTMLInputElement} */ (input).value = e[f] === null || e[f] === undefined ? '' : String(e[f]);
    inputs[f] = /** @type {any} */ (input);
    return el('label', {}, el('span', {}, f), input);
  });
  const form = el(
    'form',
    { class: 'edit', onsubmit: (/** @type {Event} */ ev) => { ev.preventDefault(); enqueue(() => saveEdit(it, inputs)); } },
    ...rows,
    el('div', {}, el('button', { type: 'submit' }, 'Save correction'), ' ', el('button', { type: 'button', onclick: cancelEdit }, 'Cancel'), el('span', { class: 'muted' }, ' Enter saves, Esc cancels')),
  );
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      ev.stopPropagation();
      cancelEdit();
    }
  });
  it.li.append(form);
  Object.values(inputs)[0].focus();
}

/** @param {any} it @param {Record<string, HTMLInputElement|HTMLSelectElement>} inputs */
function saveEdit(it, inputs) {
  /** @type {Record<string, any>} */
  const corrected = {};
  for (const [f, input] of Object.entries(inputs)) {
    const raw = input.value.trim();
    const v = raw === '' ? null : f === 'year' && /^\d+$/.test(raw) ? Number(raw) : raw;
    const was = it.row[f] ?? null;
    if (v !== was) corrected[f] = v;
  }
  if (!Object.keys(corrected).length) return decide('accept');
  return decide('correct', corrected);
}

function cancelEdit() {
  if (!state.editing) return;
  state.editing = false;
  renderItem(state.selected);
  state.items[state.selected]?.li.classList.add('selected');
  flash('edit cancelled');
}

// ---- keys and wiring -------------------------------------------------------------------------

/** Actions run one after another, each after the previous one's request has been answered. */
let queue = Promise.resolve();
/** @param {() => unknown} action */
function enqueue(action) {
  queue = queue.then(action).catch((e) => flash(String(e?.message ?? e), true));
  return queue;
}

document.addEventListener('keydown', (ev) => {
  const t = /** @type {HTMLElement} */ (ev.target);
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const help = /** @type {HTMLDialogElement} */ ($('help'));
  if (ev.key === 'Escape') {
    if (help.open) help.close();
    else if (state.editing) cancelEdit();
    else if (t.matches('input, select, textarea')) t.blur();
    return;
  }
  if (t.matches('input, select, textarea') || help.open) return;
  /** @type {Record<string, () => unknown>} */
  const keys = {
    j: () => moveUnreviewed(1),
    k: () => moveUnreviewed(-1),
    a: () => decide('accept'),
    r: () => decide('reject'),
    e: () => edit(),
    n: () => moveDocument(1),
    p: () => moveDocument(-1),
    '/': () => $('q').focus(),
    '?': () => help.showModal(),
  };
  const action = keys[ev.key];
  if (!action) return;
  ev.preventDefault();
  // Whether a key applies is decided when its turn comes, not when it is pressed: after `r`, an
  // `e` pressed before the server answers must open the editor on the next item, not on the one
  // whose re-render is about to replace it.
  enqueue(async () => {
    if (state.editing && ev.key !== 'j' && ev.key !== 'k') return;
    await action();
  });
});

function route() {
  const m = /^#doc=(\d+)$/.exec(location.hash);
  if (m) openDocument(Number(m[1]));
}

$('q').addEventListener('input', scheduleList);
$('status-filter').addEventListener('change', loadDocuments);
$('todo').addEventListener('change', loadDocuments);
$('filters').addEventListener('submit', (ev) => ev.preventDefault());
$('help-close').addEventListener('click', () => /** @type {HTMLDialogElement} */ ($('help')).close());
window.addEventListener('hashchange', route);
loadDocuments().then(route);
