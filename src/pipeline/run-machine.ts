import { assign, createActor, fromPromise, setup } from 'xstate';
import { rulesFor, type Rules } from '../rules/load.js';
import { patternsFor } from '../stages/01-discover/index.js';
import { Store } from '../stages/10-store/index.js';
import { extractAll, type Progress, type StopSignal, type Summary } from './extract.js';

// A run's lifecycle: load rules and check inputs → extract (discovery streams into it) → record
// the run. INTERRUPT (Ctrl-C, SIGTERM) stops taking documents and lets those in flight finish;
// a second INTERRUPT exits at once — between two transactions, so never half a document.

export interface RunOptions {
  inputs: string[];
  dbPath: string;
  rulesDir: string;
  jobs: number;
  force: boolean;
  maxBytes: number;
  args: string[];
  progress: Progress;
  /** called on a second interrupt; the default exits the process with 130 */
  exitNow?: () => void;
}

export type RunOutcome =
  | { status: 'done' | 'interrupted'; summary: Summary; runId: number; dbPath: string; seconds: number }
  | { status: 'failed'; error: Error };

interface Ctx {
  options: RunOptions;
  stop: StopSignal;
  interrupts: number;
  rules?: Rules;
  patterns?: string[];
  store?: Store;
  runId?: number;
  startedAt: number;
  summary?: Summary;
  error?: Error;
}

export const runMachine = setup({
  types: { input: {} as RunOptions, context: {} as Ctx, events: {} as { type: 'INTERRUPT' } },
  actors: {
    prepare: fromPromise(async ({ input }: { input: RunOptions }) => {
      const rules = rulesFor(input.rulesDir);
      const patterns = patternsFor(input.inputs);
      const store = new Store(input.dbPath);
      const runId = store.beginRun(rules.hash, input.args);
      return { rules, patterns, store, runId };
    }),
    extract: fromPromise(async ({ input }: { input: Ctx }) =>
      extractAll(
        { patterns: input.patterns!, jobs: input.options.jobs, force: input.options.force, maxBytes: input.options.maxBytes },
        input.rules!,
        input.store!,
        input.runId!,
        input.options.progress,
        input.stop,
      ),
    ),
  },
  actions: {
    stopTaking: assign(({ context }) => {
      // the flag object is shared with the running extraction loop, which checks it between documents
      context.stop.stopped = true;
      return { interrupts: context.interrupts + 1 };
    }),
    exitNow: ({ context }) => {
      // a synchronous write: the database holds whole documents only, and the run says why it ended
      const { store, runId, options } = context;
      if (store && runId !== undefined) {
        store.db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ?").run(new Date().toISOString(), runId);
        store.close();
      }
      (options.exitNow ?? (() => process.exit(130)))();
    },
    record: ({ context }) => {
      const { store, runId, summary } = context;
      if (!store || runId === undefined || !summary) return;
      store.finishRun(runId, summary.interrupted ? 'interrupted' : 'done', summary);
    },
    close: ({ context }) => context.store?.close(),
  },
  guards: {
    interruptedBefore: ({ context }) => context.interrupts > 0,
    // guards run before the transition's actions: read the finished extraction's output itself
    wasInterrupted: ({ event }) => Boolean((event as unknown as { output?: Summary }).output?.interrupted),
  },
}).createMachine({
  id: 'run',
  initial: 'preparing',
  context: ({ input }) => ({ options: input, stop: { stopped: false }, interrupts: 0, startedAt: Date.now() }),
  states: {
    preparing: {
      invoke: {
        src: 'prepare',
        input: ({ context }) => context.options,
        onDone: { target: 'extracting', actions: assign(({ event }) => ({ ...event.output })) },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => event.error as Error }) },
      },
      on: { INTERRUPT: { actions: 'stopTaking' } },
    },
    extracting: {
      invoke: {
        src: 'extract',
        input: ({ context }) => context,
        onDone: [
          { guard: 'wasInterrupted', target: 'interrupted', actions: [assign({ summary: ({ event }) => event.output }), 'record', 'close'] },
          { target: 'done', actions: [assign({ summary: ({ event }) => event.output }), 'record', 'close'] },
        ],
        onError: { target: 'failed', actions: [assign({ error: ({ event }) => event.error as Error }), 'close'] },
      },
      on: {
        INTERRUPT: [{ guard: 'interruptedBefore', actions: 'exitNow' }, { actions: 'stopTaking' }],
      },
    },
    done: { type: 'final' },
    interrupted: { type: 'final' },
    failed: { type: 'final' },
  },
});

/** Runs extraction to the end; `signals` wires SIGINT/SIGTERM to INTERRUPT while it runs. */
export function runExtraction(options: RunOptions, { signals = true } = {}): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const actor = createActor(runMachine, { input: options });
    const interrupt = () => actor.send({ type: 'INTERRUPT' });
    if (signals) {
      process.on('SIGINT', interrupt);
      process.on('SIGTERM', interrupt);
    }
    actor.subscribe((snap) => {
      if (snap.status !== 'done') return;
      if (signals) {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
        // the store is committed: a signal that arrives late (a second Ctrl-C racing the end of the run) exits
        // as an interruption, not by the default handler's signal death
        const exitNow = () => process.exit(130);
        process.once('SIGINT', exitNow);
        process.once('SIGTERM', exitNow);
      }
      const c = snap.context;
      if (snap.value === 'failed') resolve({ status: 'failed', error: c.error ?? new Error('run failed') });
      else
        resolve({
          status: snap.value === 'interrupted' ? 'interrupted' : 'done',
          summary: c.summary!,
          runId: c.runId!,
          dbPath: options.dbPath,
          seconds: (Date.now() - c.startedAt) / 1000,
        });
    });
    actor.start();
  });
}
