import { readFileSync } from 'node:fs';
import { rulesFor } from '../rules/load.js';
import { processDocument } from '../pipeline/document-machine.js';
import { UsageError } from '../stages/01-discover/index.js';
import { DEFAULTS, parse } from './args.js';

/** Quantities in a text, one JSON object a line: for a quick look and for writing rule examples. */
export async function mentionsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { rules: { type: 'string' } });
  const text = positionals.length ? positionals.join(' ') : readFileSync(0, 'utf8');
  if (!text.trim()) throw new UsageError('no text: give it as an argument or on standard input');
  const rules = rulesFor(values.rules ?? DEFAULTS.rules);
  const result = processDocument({ path: 'input.txt', source: text, rules });
  if (result.status === 'failed') {
    process.stderr.write(`newsfacts: ${result.error}\n`);
    return 1;
  }
  for (const m of result.doc.mentions) {
    const { text: t, kind, value, valueMax, unit, approx, start, end, rule } = m;
    process.stdout.write(JSON.stringify({ text: t, kind, value, value_max: valueMax, unit, approx, start, end, rule }) + '\n');
  }
  return 0;
}
