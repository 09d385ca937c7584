#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --v8-pool-size=1 --max-semi-space-size=4 --heap-growing-percent=20
// The CLI is compiled from src/cli by `npm run build` (run by npm install via "prepare").
// Run as `newsfacts`, `npx newsfacts` or `npm start`, the runtime settings above apply; each was
// measured on `extract --jobs 2` (see README, Performance): glibc keeps two malloc arenas instead of
// one per thread, V8 keeps one helper thread instead of four on a machine whose cores the workers
// already fill, the main thread's young generation stays small, and each heap grows by 20% of what
// survives a full collection rather than V8's default factor (which let the main thread's heap reach
// twice what it keeps). `node bin/newsfacts.js` works the same without them.
import '../dist/src/cli/main.js';
