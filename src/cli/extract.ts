import { ARTICLE_EXTENSIONS, UsageError } from '../stages/01-discover/index.js';
import { runExtraction } from '../pipeline/run-machine.js';
import { DEFAULT_MAX_MB } from '../pipeline/extract.js';
import { DEFAULTS, parse } from './args.js';
import { createProgress, formatSecs } from './progress.js';

export async function extractCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    db: { type: 'string' },
    rules: { type: 'string' },
    jobs: { type: 'string', short: 'j' },
    force: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    'max-mb': { type: 'string' },
  });
  const maxMb = values['max-mb'] === undefined ? DEFAULT_MAX_MB : Number(values['max-mb']);
  if (!(maxMb > 0)) throw new UsageError(`--max-mb takes a positive number, not "${values['max-mb']}"`);
  const jobs = values.jobs === undefined ? DEFAULTS.jobs : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a whole number ≥ 1, not "${values.jobs}"`);
  const quiet = Boolean(values.quiet);
  const progress = createProgress(process.stderr, { quiet });
  const inputs = positionals.length ? positionals : DEFAULTS.inputs;
  const outcome = await runExtraction({
    inputs,
    dbPath: values.db ?? DEFAULTS.db,
    rulesDir: values.rules ?? DEFAULTS.rules,
    jobs,
    force: Boolean(values.force),
    maxBytes: maxMb * 1e6,
    args: argv,
    progress,
  });
  progress.end();
  if (outcome.status === 'failed') throw outcome.error;
  const s = outcome.summary;
  if (s.ok + s.failed + s.skipped === 0 && outcome.status === 'done') {
    const exts = ARTICLE_EXTENSIONS.map((e) => `.${e}`).join(' ');
    throw new UsageError(`no articles found in ${inputs.join(' ')} (looked for ${exts} files)`);
  }
  const mb = s.bytes / 1e6;
  const out = process.stdout;
  if (!quiet || s.failed) {
    const secs = Math.max(outcome.seconds, 0.001);
    const docs = s.ok + s.failed + s.skipped;
    const kinds = Object.entries(s.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
    out.write(
      `${outcome.status === 'interrupted' ? 'interrupted' : 'done'} in ${formatSecs(outcome.seconds)}: ` +
        `documents ${s.ok} ok, ${s.failed} failed, ${s.skipped} skipped; ` +
        `mentions ${s.mentions}${kinds ? ` (${kinds})` : ''}; facts ${s.facts}; projects ${s.projects}; ` +
        `failed checks ${s.checksFailed}; ` +
        `${(docs / secs).toFixed(1)} docs/s, ${(mb / secs).toFixed(2)} MB/s → ${outcome.dbPath}\n`,
    );
    for (const f of s.failures) out.write(`  failed: ${f.path}: ${f.error}\n`);
    if (s.failed > s.failures.length) {
      out.write(`  …and ${s.failed - s.failures.length} more failed; all are listed by: ` +
        `sqlite3 ${outcome.dbPath} "SELECT path, error FROM documents WHERE status = 'failed'"\n`);
    }
  }
  if (outcome.status === 'interrupted') return 130;
  return s.failed ? 1 : 0;
}
