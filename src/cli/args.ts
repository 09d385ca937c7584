import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../stages/01-discover/index.js';

export const DEFAULTS = {
  db: 'output/newsfacts.sqlite',
  // the rules shipped with the package, wherever the command is run from (dist/src/cli → repo root)
  rules: fileURLToPath(new URL('../../../rules', import.meta.url)),
  inputs: ['corpus'],
  jobs: availableParallelism(),
};

/** parseArgs with our usage errors. */
export function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

