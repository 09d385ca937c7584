import { rulesFor, type Rules } from '../../src/rules/load.js';
import { processDocument } from '../../src/pipeline/document-machine.js';
import type { Doc } from '../../src/model.js';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RULES_DIR = `${ROOT}rules`;

export function rules(): Rules {
  return rulesFor(RULES_DIR);
}

/** Runs the real pipeline over a text; throws if the document failed. */
export function analyse(text: string, path = 'example.txt'): Doc {
  const r = processDocument({ path, source: text, rules: rules() });
  if (r.status === 'failed') throw new Error(r.error);
  return r.doc;
}
