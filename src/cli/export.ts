import { createWriteStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../stages/01-discover/index.js';
import { openDb } from '../stages/10-store/index.js';
import { FORMATS, WHATS, checkReviewed, exportText, type Format, type What } from '../export/index.js';
import { DEFAULTS, parse } from './args.js';

/** newsfacts export --what facts|mentions|projects|checks --format csv|jsonl|sql [--out FILE] [--reviewed accepted|any] [--excel] [--db FILE] */
export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    what: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    reviewed: { type: 'string' },
    excel: { type: 'boolean' },
    db: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`export takes no positional arguments (got "${positionals[0]}")`);
  const what = values.what as What;
  if (!WHATS.includes(what)) throw new UsageError(`--what takes ${WHATS.join('|')}${values.what ? `, not "${values.what}"` : ''}`);
  const format = (values.format ?? 'csv') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes ${FORMATS.join('|')}, not "${values.format}"`);
  const reviewed = values.reviewed ?? 'any';
  if (reviewed !== 'accepted' && reviewed !== 'any') throw new UsageError(`--reviewed takes accepted|any, not "${reviewed}"`);
  checkReviewed(what, reviewed);
  if (values.excel && format !== 'csv') throw new UsageError('--excel goes with --format csv');
  const dbPath = values.db ?? DEFAULTS.db;
  if (!existsSync(dbPath)) throw new UsageError(`no database at ${dbPath} (run "newsfacts extract" first, or give --db)`);

  const db = openDb(dbPath, { readonly: true });
  try {
    const hasReviews = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reviews'").get();
    if (!hasReviews && (what === 'facts' || what === 'projects')) {
      throw new UsageError(`${dbPath} predates the review page (no reviews table): open it once with "newsfacts review" or rerun extract`);
    }
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    await pipeline(Readable.from(exportText(db, { what, format, reviewed, excel: values.excel })), out, { end: Boolean(values.out) });
  } finally {
    db.close();
  }
  return 0;
}
