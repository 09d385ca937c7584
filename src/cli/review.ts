import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { UsageError } from '../stages/01-discover/index.js';
import { LOOPBACK_HOSTS, createReviewServer } from '../review/server.js';
import { DEFAULTS, parse } from './args.js';

export const REVIEW_PORT = 8737;

/** newsfacts review [--db FILE] [--port N] [--host H] [--reviewer NAME]: serves the review page until interrupted. */
export async function reviewCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    reviewer: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`review takes no positional arguments (got "${positionals[0]}")`);
  const dbPath = values.db ?? DEFAULTS.db;
  if (!existsSync(dbPath)) throw new UsageError(`no database at ${dbPath} (run "newsfacts extract" first, or give --db)`);
  const port = values.port === undefined ? REVIEW_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number, not "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const reviewer = (values.reviewer ?? process.env.NEWSFACTS_REVIEWER ?? userInfo().username).trim();
  if (!reviewer) throw new UsageError('--reviewer needs a name');
  const everywhere = host === '0.0.0.0' || host === '::';
  const loopback = LOOPBACK_HOSTS.includes(host) || host === '::1';
  const allowedHosts = everywhere ? null : loopback ? LOOPBACK_HOSTS : [...LOOPBACK_HOSTS, host.toLowerCase()];

  const app = createReviewServer({ dbPath, reviewer, allowedHosts });
  const address = await app.listen({ port, host });
  if (!loopback) process.stderr.write(`newsfacts: warning: the review page is reachable from the network on ${host}; it has no login\n`);
  process.stdout.write(`Review page for ${dbPath} at ${address.replace('://[::]', '://localhost').replace('://0.0.0.0', '://localhost')} (reviewer: ${reviewer}). Ctrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  return 0;
}
