import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Example } from './examples.js';
import { ruleFiles, type RuleFiles } from './registry.js';

export type Rules = { [K in keyof RuleFiles]: z.infer<RuleFiles[K]> } & {
  dir: string;
  /** sha256 over every rules file's name and bytes: identifies the rule set that produced rows */
  hash: string;
  examples: { file: string; index: number; example: Example }[];
};

export class RulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulesError';
  }
}

/** Reads and validates every rules file; an error names the file and the path inside it. */
export function loadRules(dir: string): Rules {
  if (!existsSync(dir)) throw new RulesError(`rules folder not found: ${dir}`);
  const hash = createHash('sha256');
  const rules: Record<string, unknown> = { dir, examples: [] };
  const examples: Rules['examples'] = [];
  for (const [section, { file, schema }] of Object.entries(ruleFiles)) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new RulesError(`${path}: missing rules file (section "${section}")`);
    const bytes = readFileSync(path);
    hash.update(file).update('\0').update(bytes).update('\0');
    let data: unknown;
    try {
      data = parseYaml(bytes.toString('utf8'));
    } catch (e) {
      throw new RulesError(`${path}: not valid YAML: ${(e as Error).message}`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const lines = parsed.error.issues.slice(0, 10).map(
        (i) => `  at ${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`,
      );
      throw new RulesError(`${path}: invalid rules\n${lines.join('\n')}`);
    }
    rules[section] = parsed.data;
    const ex = (parsed.data as { examples?: Example[] }).examples ?? [];
    ex.forEach((example, index) => examples.push({ file, index, example }));
  }
  rules.hash = hash.digest('hex');
  rules.examples = examples;
  return rules as Rules;
}

const cache = new Map<string, Rules>();
/** Rules are compiled once per process (and so once per worker). */
export function rulesFor(dir: string): Rules {
  let r = cache.get(dir);
  if (!r) {
    r = loadRules(dir);
    cache.set(dir, r);
  }
  return r;
}
