import { existsSync } from 'node:fs';
import { formatScores, loadGold, predictedFor, score } from '../eval/score.js';
import { openDb } from '../stages/10-store/index.js';
import { UsageError } from '../stages/01-discover/index.js';
import { DEFAULTS, parse } from './args.js';

export async function evalCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    gold: { type: 'string' },
    db: { type: 'string' },
    misses: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.gold) throw new UsageError('eval needs --gold DIR (a folder of gold .json files)');
  if (!existsSync(values.gold)) throw new UsageError(`no such gold folder: ${values.gold}`);
  const dbPath = values.db ?? DEFAULTS.db;
  if (!existsSync(dbPath)) throw new UsageError(`no such database: ${dbPath} (run "newsfacts extract" first)`);
  const db = openDb(dbPath, { readonly: true });
  const scores = score(loadGold(values.gold), (doc) => predictedFor(db, doc));
  db.close();
  if (values.json) process.stdout.write(JSON.stringify(scores, null, 2) + '\n');
  else process.stdout.write(formatScores(scores, values.misses === undefined ? 40 : Number(values.misses)));
  return 0;
}
