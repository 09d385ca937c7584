import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReviewServer } from '../src/review/server.js';
import { HOSTILE_TITLE, buildFixture, type Fixture } from './review-fixture.js';

// The review page in a real browser: Debian's chromium driven by playwright-core, against the
// real server on a real port over a real SQLite file.

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser tests SKIPPED: ${CHROMIUM} is absent (apt-get install chromium)`);

describe.skipIf(!haveChromium)('review page in chromium', () => {
  let fx: Fixture;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fx = buildFixture();
    app = createReviewServer({ dbPath: fx.dbPath, reviewer: 'browser-editor' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(docId: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(90_000); // generous: CI runs this beside CPU-heavy suites on two cores
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => {
      pageErrors.push(`unexpected dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${base}/#doc=${docId}`);
    await page.locator('#facts .item').first().waitFor();
    return page;
  }

  const reviews = () => {
    const db = new Database(fx.dbPath, { readonly: true });
    try {
      return db.prepare('SELECT * FROM reviews ORDER BY id').all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };

  it('opens a document, accepts the first fact with the keyboard, and the reviews row is there', async () => {
    const page = await open(fx.ids.seed);
    const doc = (await (await fetch(`${base}/api/documents/${fx.ids.seed}`)).json()) as {
      document: { sha256: string }; facts: { id: number; char_start: number; char_end: number; metric: string; text: string }[];
    };
    const first = doc.facts[0];
    await expect.poll(() => page.locator('#source .m').count()).toBeGreaterThan(10);
    await expect.poll(() => page.locator('#source .project').count()).toBeGreaterThan(0);

    await page.keyboard.press('j');
    const selected = page.locator('#facts .item.selected');
    await expect.poll(() => selected.getAttribute('data-id')).toBe(String(first.id));
    // its evidence is marked in the text
    await expect.poll(() => page.locator('#source .evidence').allTextContents().then((t) => t.join(''))).toBe(first.text);

    await page.keyboard.press('a');
    await expect.poll(() => page.locator(`#facts .item[data-id="${first.id}"] .verdict`).textContent()).toBe('accept');
    const rows = reviews();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      sha256: doc.document.sha256, target: 'fact', target_id: first.id, char_start: first.char_start, char_end: first.char_end,
      metric: first.metric, verdict: 'accept', reviewer: 'browser-editor', corrected: null,
    });
    // the selection moved on to the next unreviewed fact
    await expect.poll(() => selected.getAttribute('data-id')).toBe(String(doc.facts[1].id));

    // reject with r, then correct with e: change the year and save with Enter. The server's
    // answers are held back after the row is written, so `e` is pressed while `r` is still in
    // flight: it must wait its turn and open the editor on the next fact.
    await page.route('**/api/reviews', async (route) => {
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 400));
      await route.fulfill({ response });
    });
    await page.keyboard.press('r');
    await expect.poll(() => reviews().length).toBe(2);
    expect(reviews()[1]).toMatchObject({ target_id: doc.facts[1].id, verdict: 'reject' });
    await page.keyboard.press('e');
    const year = page.locator('#facts .item.selected form.edit input[name="year"]');
    await year.fill('2021');
    await year.press('Enter');
    await expect.poll(() => reviews().length).toBe(3);
    expect(reviews()[2]).toMatchObject({ target_id: doc.facts[2].id, verdict: 'correct' });
    expect(JSON.parse(reviews()[2].corrected as string)).toEqual({ year: 2021 });
    // Esc cancels an edit without storing anything
    await page.keyboard.press('e');
    await page.locator('#facts .item.selected form.edit').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('form.edit').count()).toBe(0);
    await page.keyboard.press('a');
    await expect.poll(() => reviews().length).toBe(4);
    expect(reviews()[3]).toMatchObject({ verdict: 'accept' });
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('renders an article containing <script> and <img onerror> inert, as text', async () => {
    const page = await open(fx.ids.hostile);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#document script, #document img, #documents script, #documents img').count()).toBe(0);
    expect(await page.locator('#source').textContent()).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(await page.locator('#doc-title').textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator(`#documents li[data-id="${fx.ids.hostile}"] .doc-title`).textContent()).toBe(HOSTILE_TITLE);
    // the failed document shows its error in the list
    expect(await page.locator(`#documents li[data-id="${fx.ids.failed}"] .doc-error`).textContent()).toContain('binary');
    // selecting a fact by clicking marks its evidence
    await page.locator('#facts .item').nth(2).click();
    expect(await page.locator('#source .evidence').allTextContents()).toEqual(['12.5亿元']);
    expect(await page.locator('#checks .check').count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('refuses a cross-origin page posting a decision', async () => {
    // a page on another origin (another local port) tries to post; the server refuses it
    const other = createReviewServer({ dbPath: fx.dbPath, reviewer: 'x' });
    const otherBase = await other.listen({ port: 0, host: '127.0.0.1' });
    const page = await browser.newPage();
    await page.goto(`${otherBase}/`);
    const before = reviews().length;
    const status = await page.evaluate(async (target) => {
      try {
        const r = await fetch(target, {
          method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ target: 'fact', id: 1, verdict: 'reject' }),
        });
        return r.type;
      } catch (e) {
        return String(e);
      }
    }, `${base}/api/reviews`);
    expect(status).toBeTruthy();
    expect(reviews().length).toBe(before);
    await page.close();
    await other.close();
  }, 120_000);
});
