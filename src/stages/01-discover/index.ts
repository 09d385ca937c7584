import fg from 'fast-glob';
import { existsSync, statSync } from 'node:fs';

// Inputs → article paths. Folders are walked for the formats we read, globs are expanded, and
// a path that does not exist is a usage error before any work starts.

export const ARTICLE_EXTENSIONS = ['txt', 'md', 'html', 'htm'];

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Turns CLI inputs into fast-glob patterns, or throws a UsageError naming what is missing. */
export function patternsFor(inputs: string[]): string[] {
  const patterns: string[] = [];
  const exts = `{${ARTICLE_EXTENSIONS.join(',')}}`;
  for (const input of inputs) {
    const posix = input.replace(/\\/g, '/');
    if (fg.isDynamicPattern(posix)) {
      patterns.push(posix);
      continue;
    }
    if (!existsSync(input)) throw new UsageError(`no such file or folder: ${input}`);
    if (statSync(input).isDirectory()) patterns.push(`${fg.escapePath(posix.replace(/\/+$/, ''))}/**/*.${exts}`);
    else patterns.push(fg.escapePath(posix));
  }
  return patterns;
}

const GLOB_OPTIONS = {
  onlyFiles: true,
  dot: false,
  followSymbolicLinks: false,
  caseSensitiveMatch: false,
  ignore: ['**/node_modules/**'],
};

// fast-glob's `unique` keeps every path it has yielded, so memory would grow with the archive; one
// pattern cannot yield a file twice, and only inputs that overlap (a folder and a glob inside it) need it
const globOptions = (patterns: string[]) => ({ ...GLOB_OPTIONS, unique: patterns.length > 1 });

export async function countFiles(patterns: string[]): Promise<number> {
  let n = 0;
  for await (const _ of fg.stream(patterns, globOptions(patterns))) n++;
  return n;
}

/** Streams the matching files (so a huge archive is never listed in memory first), each once. */
export async function* discover(patterns: string[]): AsyncGenerator<string> {
  for await (const entry of fg.stream(patterns, globOptions(patterns))) yield String(entry);
}
