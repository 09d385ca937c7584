import { createHash } from 'node:crypto';
import { assign, createActor, setup } from 'xstate';
import { DocumentError, type Doc } from '../model.js';
import type { Rules } from '../rules/load.js';
import { decode } from '../stages/02-decode/index.js';
import { formatOf } from '../stages/03-normalise/markup.js';
import { normalise } from '../stages/03-normalise/index.js';
import { paragraphs, sentences } from '../stages/04-split/index.js';
import { segment } from '../stages/05-segment/index.js';
import { findQuantities } from '../stages/06-quantities/index.js';
import { anchorMentions } from '../stages/06-quantities/anchor.js';
import { findProjects } from '../stages/07-projects/index.js';
import { findFacts } from '../stages/08-facts/index.js';
import { runChecks } from '../stages/09-checks/index.js';
import { titleOf } from '../stages/04-split/title.js';

// What runs after what, for one document. Each state runs one stage and moves on; a stage that
// throws a DocumentError sends the document to `failed` with that reason (any other error too,
// named as a bug, so one bad article never stops a run).

export type DocumentInput = { path: string; rules: Rules; /** when the caller has hashed the bytes already */ sha256?: string }
  & ({ bytes: Uint8Array } | { source: string });

export type DocumentResult =
  | { status: 'ok'; doc: Doc }
  | { status: 'failed'; path: string; sha256: string; encoding: string | null; error: string };

type Ctx = Partial<Doc> & { input: DocumentInput; rules: Rules; error?: string };

type Stage = (ctx: Ctx) => Partial<Ctx>;

const stages = {
  identify: (c: Ctx) => ({
    sha256: c.input.sha256 ?? sha256('source' in c.input ? Buffer.from(c.input.source, 'utf8') : c.input.bytes),
  }),
  decode: (c: Ctx) => {
    const input = c.input;
    const { source, encoding } = 'source' in input ? { source: input.source, encoding: 'utf-8' } : decode(input.bytes);
    if (source.trim() === '') throw new DocumentError('empty file: only whitespace, there is no text to read');
    return { source, encoding };
  },
  normalise: (c: Ctx) => ({ norm: normalise(c.source!, formatOf(c.input.path), c.rules.normalise) }),
  split: (c: Ctx) => {
    const paras = paragraphs(c.norm!.text);
    return { paragraphs: paras, sentences: sentences(c.norm!.text, paras), title: titleOf(c.norm!, c.source!, paras) };
  },
  segment: (c: Ctx) => ({ tokens: segment(c.norm!.text, c.rules.segmentation) }),
  quantities: (c: Ctx) => ({
    mentions: anchorMentions(c.source!, c.norm!, findQuantities(c.norm!.text, c.tokens!, c.rules)),
  }),
  projects: (c: Ctx) => ({ projects: findProjects(c as Doc, c.rules) }),
  facts: (c: Ctx) => ({ facts: findFacts(c as Doc, c.rules) }),
  checks: (c: Ctx) => ({ checks: runChecks(c as Doc, c.rules) }),
} satisfies Record<string, Stage>;

const ORDER = ['identify', 'decode', 'normalise', 'split', 'segment', 'quantities', 'projects', 'facts', 'checks'] as const;

function run(stage: Stage) {
  return assign(({ context }: { context: Ctx }) => {
    if (context.error) return {};
    try {
      return stage(context);
    } catch (e) {
      const message =
        e instanceof DocumentError ? e.message : `internal error while processing (please report): ${(e as Error).stack ?? e}`;
      return { error: message };
    }
  });
}

const failed = ({ context }: { context: Ctx }) => Boolean(context.error);

// The machine is built from ORDER so the sequence is written once; each state's entry runs its
// stage, then an eventless transition goes on, or to `failed`.
function buildStates() {
  const states: Record<string, object> = {};
  ORDER.forEach((name, i) => {
    states[name] = {
      entry: run(stages[name]),
      always: [{ guard: 'failed', target: 'failed' }, { target: ORDER[i + 1] ?? 'done' }],
    };
  });
  states.done = { type: 'final' };
  states.failed = { type: 'final' };
  return states;
}

export const documentMachine = setup({
  types: { input: {} as DocumentInput, context: {} as Ctx },
  guards: { failed },
}).createMachine({
  id: 'document',
  initial: ORDER[0],
  context: ({ input }) => ({ input, rules: input.rules }),
  states: buildStates(),
});

/** Runs one document through every stage, synchronously. */
export function processDocument(input: DocumentInput): DocumentResult {
  const actor = createActor(documentMachine, { input });
  actor.start();
  const snap = actor.getSnapshot();
  actor.stop();
  const c = snap.context;
  if (c.error || snap.value === 'failed') {
    return { status: 'failed', path: input.path, sha256: c.sha256 ?? '', encoding: c.encoding ?? null, error: c.error ?? 'unknown failure' };
  }
  const doc: Doc = {
    path: input.path,
    sha256: c.sha256!,
    encoding: c.encoding!,
    source: c.source!,
    title: c.title ?? null,
    norm: c.norm!,
    paragraphs: c.paragraphs!,
    sentences: c.sentences!,
    tokens: c.tokens!,
    mentions: c.mentions!,
    projects: c.projects!,
    facts: c.facts!,
    checks: c.checks!,
  };
  return { status: 'ok', doc };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
