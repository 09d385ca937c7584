import { UsageError } from '../stages/01-discover/index.js';
import { RulesError } from '../rules/load.js';
import { extractCommand } from './extract.js';
import { mentionsCommand } from './mentions.js';
import { evalCommand } from './eval.js';
import { DEFAULTS } from './args.js';

// newsfacts <command> [options]. Exit codes: 0 all documents ok, 1 some failed (all others
// processed), 2 usage (bad arguments, missing input, invalid rules), 130 interrupted.

const USAGE = `newsfacts — Chinese investment-project news → checked records in SQLite

Usage:
  newsfacts extract [PATH|GLOB ...] [--db FILE] [--rules DIR] [--jobs N] [--force] [--quiet] [--max-mb N]
      Read articles (.txt .md .html .htm; folders are walked, globs expanded; default: corpus/)
      into the database (default: ${DEFAULTS.db}). Reruns skip unchanged documents.
  newsfacts mentions [TEXT] [--rules DIR]
      Print the quantities found in TEXT (or stdin), one JSON object a line.
  newsfacts eval --gold DIR [--db FILE] [--misses N]
      Score the database against gold files: precision/recall/F1 per part and kind, and the misses.
  newsfacts review [--db FILE] [--port N] [--host H] [--reviewer NAME]
      Open the review page for editors (http://127.0.0.1:8737 by default).
  newsfacts export --what facts|mentions|projects|checks --format csv|jsonl|sql
                   [--out FILE] [--reviewed accepted|any] [--excel] [--db FILE]
      Export records for data teams.

Exit codes: 0 ok, 1 some documents failed, 2 usage error, 130 interrupted.
`;

export type Command = (argv: string[]) => Promise<number>;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const commands: Record<string, Command> = {
    extract: extractCommand,
    mentions: mentionsCommand,
    eval: evalCommand,
    review: async (a) => (await import('./review.js')).reviewCommand(a),
    export: async (a) => (await import('./export.js')).exportCommand(a),
  };
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command "${command}" (try: ${Object.keys(commands).join(', ')})`);
  return run(rest);
}

// `newsfacts export … | head`: a closed pipe ends the output quietly, as for any Unix tool
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    if (e instanceof UsageError || e instanceof RulesError) {
      process.stderr.write(`newsfacts: ${e.message}\n`);
      if (e instanceof UsageError) process.stderr.write(`Run "newsfacts --help" for usage.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`newsfacts: ${e.stack ?? e}\n`);
      process.exitCode = 1;
    }
  },
);
