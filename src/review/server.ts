import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BATCHES, METRICS } from '../model.js';
import { openDb } from '../stages/10-store/index.js';
import { ReviewDb, documentQuery, reviewBody, reviewView } from './db.js';

// The editors' review page: a small fastify app over the database. Article text is untrusted, so:
// the page renders it as text (and a strict CSP forbids inline script anyway), state-changing
// requests must be same-origin JSON validated with zod, the Host must be ours (no DNS rebinding),
// and the only files served are the three page assets, read once from a fixed list.

export interface ReviewServerOptions {
  dbPath: string;
  reviewer: string;
  /** Host names the page may be reached by; null accepts any (when bound to all interfaces). */
  allowedHosts?: string[] | null;
  logger?: boolean;
}

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** The page assets: name → content type. Nothing else is ever served from disk. */
const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

function loadAssets(): Map<string, { type: string; body: string }> {
  // From src/review (tests) the assets sit beside this module; from dist/src/review, in the sources.
  const dirs = [new URL('./assets/', import.meta.url), new URL('../../../src/review/assets/', import.meta.url)];
  const assets = new Map<string, { type: string; body: string }>();
  for (const [name, type] of Object.entries(ASSETS)) {
    let body: string | undefined;
    for (const dir of dirs) {
      try {
        body = readFileSync(new URL(name, dir), 'utf8');
        break;
      } catch {
        // try the next place
      }
    }
    if (body === undefined) throw new Error(`review page asset ${name} is missing (looked in ${dirs.map(String).join(', ')})`);
    assets.set(name, { type, body });
  }
  return assets;
}

let assetCache: ReturnType<typeof loadAssets> | undefined;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}

function refuse(reply: FastifyReply, code: number, error: string) {
  return reply.code(code).type('application/json; charset=utf-8').send({ error });
}

const idParam = z.object({ id: z.string().regex(/^[1-9]\d{0,15}$/).transform(Number) });

export function createReviewServer(options: ReviewServerOptions): FastifyInstance {
  const reviewer = options.reviewer.trim();
  if (!reviewer) throw new Error('a reviewer name is needed');
  const allowedHosts = options.allowedHosts === undefined ? LOOPBACK_HOSTS : options.allowedHosts;
  assetCache ??= loadAssets();
  const assets = assetCache;
  const db = openDb(options.dbPath);
  const store = new ReviewDb(db);

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 });
  app.addHook('onClose', async () => db.close());
  // Only JSON bodies: a text/plain POST is what a cross-site form or no-preflight fetch can send.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    const host = req.headers.host ?? '';
    if (allowedHosts && !allowedHosts.includes(hostName(host).toLowerCase())) {
      return refuse(reply, 421, `this page answers on ${allowedHosts.join(', ')} only, not "${host}"`);
    }
    if (SAFE_METHODS.has(req.method)) return;
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (origin !== `http://${host}`) return refuse(reply, 403, 'cross-origin request refused');
    } else {
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') return refuse(reply, 403, 'cross-site request refused');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return refuse(reply, 415, 'send application/json');
  });

  app.setNotFoundHandler((req, reply) => refuse(reply, 404, `not found: ${req.method} ${req.url}`));
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const code = err.statusCode ?? 500;
    if (code >= 500) {
      req.log.error(err);
      return refuse(reply, 500, 'internal error');
    }
    return refuse(reply, code, err.message);
  });

  const sendAsset = (name: string, reply: FastifyReply) => {
    const a = assets.get(name);
    if (!a) return refuse(reply, 404, 'not found');
    return reply.type(a.type).send(a.body);
  };
  app.get('/', (_req, reply) => sendAsset('index.html', reply));
  app.get('/assets/:name', (req, reply) => {
    const { name } = req.params as { name: string };
    return sendAsset(name, reply);
  });

  app.get('/api/documents', (req, reply) => {
    const q = documentQuery.safeParse(req.query);
    if (!q.success) return refuse(reply, 400, z.prettifyError(q.error));
    return { reviewer, vocab: { metrics: METRICS, batches: BATCHES }, ...store.listDocuments(q.data) };
  });

  app.get('/api/documents/:id', (req, reply) => {
    const p = idParam.safeParse(req.params);
    const doc = p.success ? store.getDocument(p.data.id) : undefined;
    if (!doc) return refuse(reply, 404, `no document ${(req.params as { id: string }).id}`);
    return { reviewer, ...doc };
  });

  app.post('/api/reviews', (req, reply) => {
    const body = reviewBody.safeParse(req.body);
    if (!body.success) return refuse(reply, 400, z.prettifyError(body.error));
    const row = store.addReview(body.data, reviewer);
    if (!row) return refuse(reply, 404, `no ${body.data.target} ${body.data.id}`);
    return reply.code(201).send({ target: row.target, target_id: row.target_id, review: reviewView(row) });
  });

  return app;
}
