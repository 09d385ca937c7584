import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createReviewServer } from '../src/review/server.js';
import { buildFixture, hostileRecord, seedRecord, type Fixture } from './review-fixture.js';

// The review server over a real SQLite file, driven through fastify's inject.

let fx: Fixture;
let app: FastifyInstance;

const json = { 'content-type': 'application/json', origin: 'http://localhost:80' };
const post = (payload: unknown, headers: Record<string, string> = json) =>
  app.inject({ method: 'POST', url: '/api/reviews', headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
const getDoc = async (id: number) => (await app.inject(`/api/documents/${id}`)).json();
const reviewRows = () => {
  const db = new Database(fx.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM reviews ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

beforeEach(async () => {
  fx = buildFixture();
  app = createReviewServer({ dbPath: fx.dbPath, reviewer: 'editor-wang' });
  await app.ready();
});
afterEach(async () => {
  await app.close();
});

describe('pages and assets', () => {
  it('serves the page and its three assets from memory, with a strict CSP', async () => {
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('/assets/app.js');
    expect((await app.inject('/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await app.inject('/assets/app.css')).statusCode).toBe(200);
  });

  it('serves nothing else: no escape from the asset folder', async () => {
    for (const url of [
      '/assets/server.ts', '/assets/../server.ts', '/assets/..%2Fserver.ts', '/assets/%2e%2e%2f%2e%2e%2fdb.ts',
      '/assets/..%2F..%2F..%2Fpackage.json', '/assets/', '/assets/constructor', '/assets/__proto__', '/package.json', '/etc/passwd',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('import');
    }
  });

  it('answers only to loopback host names (no DNS rebinding)', async () => {
    const res = await app.inject({ url: '/api/documents', headers: { host: 'evil.example:8737' } });
    expect(res.statusCode).toBe(421);
    expect((await app.inject({ url: '/api/documents', headers: { host: '127.0.0.1:8737' } })).statusCode).toBe(200);
  });
});

describe('documents', () => {
  it('lists documents with counts of facts, unreviewed facts and failed checks; failed ones with their error', async () => {
    const res = await app.inject('/api/documents');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.reviewer).toBe('editor-wang');
    expect(body.vocab.metrics).toContain('total_investment');
    expect(body.total).toBe(3);
    const byId = new Map(body.documents.map((d: { id: number }) => [d.id, d]));
    expect(byId.get(fx.ids.hostile)).toMatchObject({ status: 'ok', facts: 4, unreviewed: 4, failed_checks: 1, unreviewed_projects: 1 });
    expect(byId.get(fx.ids.failed)).toMatchObject({ status: 'failed', facts: 0, error: 'not text: the file looks binary (PDF?)' });
    const seed = seedRecord();
    expect(byId.get(fx.ids.seed)).toMatchObject({ facts: seed.facts.length, unreviewed: seed.facts.length });
  });

  it('filters by status and by text', async () => {
    const failed = (await app.inject('/api/documents?status=failed')).json();
    expect(failed.documents.map((d: { id: number }) => d.id)).toEqual([fx.ids.failed]);
    for (const q of ['年产值达3,600万元', 'hostile', '开封市重大项目']) {
      const found = (await app.inject(`/api/documents?q=${encodeURIComponent(q)}`)).json();
      expect(found.documents.map((d: { id: number }) => d.id), q).toEqual([fx.ids.hostile]);
    }
    const todo = (await app.inject('/api/documents?todo=1')).json();
    expect(todo.documents.map((d: { id: number }) => d.id).sort()).toEqual([fx.ids.seed, fx.ids.hostile].sort());
    const none = (await app.inject('/api/documents?q=nothing-like-this')).json();
    expect(none.total).toBe(0);
    expect((await app.inject('/api/documents?status=maybe')).statusCode).toBe(400);
    expect((await app.inject('/api/documents?sort=x')).statusCode).toBe(400);
  });

  it('gives a document with its source, evidence spans, facts, projects and checks', async () => {
    const res = await app.inject(`/api/documents/${fx.ids.hostile}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const source: string = d.document.source;
    expect(source).toContain('<script>');
    expect(d.facts).toHaveLength(4);
    for (const f of d.facts) expect(source.slice(f.char_start, f.char_end)).toBe(f.text);
    for (const p of d.projects) expect(source.slice(p.char_start, p.char_end)).toBe(p.name);
    expect(d.facts.every((f: { review: unknown }) => f.review === null)).toBe(true);
    expect(d.checks[0]).toMatchObject({ status: 'fail', fact_ids: [d.facts[1].id, d.facts[2].id] });
  });

  it('404s unknown and malformed ids', async () => {
    expect((await app.inject('/api/documents/99999')).statusCode).toBe(404);
    expect((await app.inject('/api/documents/abc')).statusCode).toBe(404);
    expect((await app.inject('/api/documents/-1')).statusCode).toBe(404);
    expect((await app.inject('/api/nothing')).statusCode).toBe(404);
  });
});

describe('decisions', () => {
  it('stores accept, reject and correct in reviews, keyed by sha256 and natural key, and shows the latest', async () => {
    const d = await getDoc(fx.ids.hostile);
    const [f0, f1] = d.facts;
    const accept = await post({ target: 'fact', id: f0.id, verdict: 'accept' });
    expect(accept.statusCode).toBe(201);
    expect(accept.json().review).toMatchObject({ verdict: 'accept', reviewer: 'editor-wang', corrected: null });
    expect((await post({ target: 'fact', id: f1.id, verdict: 'reject' })).statusCode).toBe(201);
    const corrected = { value: '18600000000', region: '开封市祥符区', year: null };
    expect((await post({ target: 'fact', id: f1.id, verdict: 'correct', corrected })).statusCode).toBe(201);
    expect((await post({ target: 'project', id: d.projects[0].id, verdict: 'correct', corrected: { phase: '1-2' } })).statusCode).toBe(201);

    const rows = reviewRows();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      sha256: d.document.sha256, target: 'fact', char_start: f0.char_start, char_end: f0.char_end, metric: f0.metric,
      name: null, target_id: f0.id, verdict: 'accept', corrected: null, reviewer: 'editor-wang',
    });
    expect(Date.parse(rows[0].created_at as string)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.parse(rows[2].corrected as string)).toEqual(corrected);
    expect(rows[3]).toMatchObject({ target: 'project', name: '智能制造产业园', char_start: d.projects[0].char_start, char_end: null });

    const after = await getDoc(fx.ids.hostile);
    expect(after.facts[0].review).toMatchObject({ verdict: 'accept' });
    expect(after.facts[1].review).toMatchObject({ verdict: 'correct', corrected, decisions: 2 });
    expect(after.facts[2].review).toBeNull();
    expect(after.projects[0].review).toMatchObject({ verdict: 'correct', corrected: { phase: '1-2' } });
    // the extraction rows are untouched
    expect(after.facts[1]).toMatchObject({ value: f1.value, region: f1.region, year: f1.year, metric: f1.metric });
    const listed = (await app.inject('/api/documents')).json().documents.find((x: { id: number }) => x.id === fx.ids.hostile);
    expect(listed).toMatchObject({ unreviewed: 2, unreviewed_projects: 0 });
  });

  it('keeps reviews attached when the document is re-extracted with new row ids', async () => {
    const before = await getDoc(fx.ids.hostile);
    const target = before.facts[2];
    expect((await post({ target: 'fact', id: target.id, verdict: 'accept' })).statusCode).toBe(201);
    expect((await post({ target: 'project', id: before.projects[0].id, verdict: 'reject' })).statusCode).toBe(201);

    // a rerun (--force, or new rules) deletes the document's rows and inserts them again, after others
    fx.rewrite(seedRecord());
    const newId = fx.rewrite(hostileRecord());
    expect(newId).not.toBe(fx.ids.hostile);
    expect((await app.inject(`/api/documents/${fx.ids.hostile}`)).statusCode).toBe(404);

    const after = await getDoc(newId);
    const same = after.facts.find((f: { char_start: number; metric: string }) => f.char_start === target.char_start && f.metric === target.metric);
    expect(same.id).not.toBe(target.id);
    expect(same.review).toMatchObject({ verdict: 'accept', reviewer: 'editor-wang' });
    expect(after.projects[0].id).not.toBe(before.projects[0].id);
    expect(after.projects[0].review).toMatchObject({ verdict: 'reject' });
    expect(after.facts.filter((f: { review: unknown }) => f.review).length).toBe(1);
    // a decision on the new row adds to the same target's history
    expect((await post({ target: 'fact', id: same.id, verdict: 'reject' })).statusCode).toBe(201);
    expect((await getDoc(newId)).facts.find((f: { id: number }) => f.id === same.id).review).toMatchObject({ verdict: 'reject', decisions: 2 });
  });

  it('refuses bad bodies with 400 and stores nothing', async () => {
    const { facts, projects } = await getDoc(fx.ids.hostile);
    const id = facts[0].id;
    const bad: unknown[] = [
      {},
      { target: 'fact', id, verdict: 'maybe' },
      { target: 'fact', id: String(id), verdict: 'accept' },
      { target: 'fact', id: 1.5, verdict: 'accept' },
      { target: 'fact', id: -3, verdict: 'accept' },
      { target: 'mention', id, verdict: 'accept' },
      { target: 'fact', id, verdict: 'accept', reviewer: 'someone-else' },
      { target: 'fact', id, verdict: 'correct' },
      { target: 'fact', id, verdict: 'correct', corrected: {} },
      { target: 'fact', id, verdict: 'correct', corrected: { value: '1e5' } },
      { target: 'fact', id, verdict: 'correct', corrected: { value: 12 } },
      { target: 'fact', id, verdict: 'correct', corrected: { metric: 'profit' } },
      { target: 'fact', id, verdict: 'correct', corrected: { batch: 'planned' } },
      { target: 'fact', id, verdict: 'correct', corrected: { year: 20233 } },
      { target: 'fact', id, verdict: 'correct', corrected: { id: 7 } },
      { target: 'fact', id, verdict: 'correct', corrected: { name: 'x' } },
      { target: 'project', id: projects[0].id, verdict: 'correct', corrected: { value: '1' } },
      { target: 'fact', id, verdict: 'accept', corrected: { value: '1' } },
      '{"target": "fact", "id": ',
      '[]',
      'null',
    ];
    for (const body of bad) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error, JSON.stringify(body)).toBeTruthy();
    }
    expect(reviewRows()).toHaveLength(0);
  });

  it('404s decisions about unknown facts and projects', async () => {
    expect((await post({ target: 'fact', id: 99999, verdict: 'accept' })).statusCode).toBe(404);
    expect((await post({ target: 'project', id: 99999, verdict: 'reject' })).statusCode).toBe(404);
    expect(reviewRows()).toHaveLength(0);
  });

  it('refuses cross-origin and non-JSON state changes', async () => {
    const { facts } = await getDoc(fx.ids.hostile);
    const body = { target: 'fact', id: facts[0].id, verdict: 'accept' };
    const cases: [Record<string, string>, number][] = [
      [{ 'content-type': 'application/json', origin: 'http://evil.example' }, 403],
      [{ 'content-type': 'application/json', origin: 'http://localhost:8080' }, 403],
      [{ 'content-type': 'application/json', origin: 'null' }, 403],
      [{ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, 403],
      [{ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, 403],
      [{ 'content-type': 'text/plain', origin: 'http://localhost:80' }, 415],
      [{ 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80' }, 415],
      [{ origin: 'http://localhost:80' }, 415],
    ];
    for (const [headers, code] of cases) {
      const res = await post(body, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(code);
    }
    expect(reviewRows()).toHaveLength(0);
    // same origin (the page's own fetch), and a non-browser client without Origin, are fine
    expect((await post(body, { 'content-type': 'application/json; charset=utf-8', origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await post(body, { 'content-type': 'application/json' })).statusCode).toBe(201);
    expect(reviewRows()).toHaveLength(2);
  });
});
