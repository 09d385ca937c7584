import type { Progress } from '../pipeline/extract.js';

// A bar on a terminal; plain lines now and then when output goes to a log; nothing with --quiet.

export function createProgress(stream: NodeJS.WriteStream, { quiet = false, intervalMs = 5000 } = {}): Progress & { end(): void } {
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  let total = 0;
  let counted = false;
  let done = 0;
  let bytes = 0;
  const counts = { ok: 0, failed: 0, skipped: 0 };
  let lastDraw = 0;

  const line = () => {
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const mbps = bytes / 1e6 / secs;
    const rate = done / secs;
    const left = total - done;
    const eta = counted && rate > 0 ? formatSecs(left / rate) : '?';
    const of = counted ? `${total}` : '?';
    return { secs, mbps, eta, of };
  };
  const draw = (force = false) => {
    if (quiet) return;
    const now = Date.now();
    if (tty) {
      if (!force && now - lastDraw < 100) return;
      lastDraw = now;
      const { mbps, eta, of } = line();
      const width = 24;
      const frac = total ? Math.min(done / total, 1) : 0;
      const filled = Math.round(frac * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      stream.write(`\r${bar} ${done}/${of} docs  ${mbps.toFixed(2)} MB/s  ETA ${eta}  (failed ${counts.failed}, skipped ${counts.skipped})\x1b[K`);
    } else {
      if (!force && now - lastDraw < intervalMs) return;
      lastDraw = now;
      const { mbps, eta, of } = line();
      stream.write(`progress: ${done}/${of} documents, ${mbps.toFixed(2)} MB/s, ETA ${eta}, failed ${counts.failed}, skipped ${counts.skipped}\n`);
    }
  };
  if (!tty) lastDraw = Date.now();
  return {
    total(n) {
      total = n;
      counted = true;
    },
    document(status, size) {
      done++;
      bytes += size;
      counts[status]++;
      draw();
    },
    end() {
      if (quiet) return;
      if (tty) { draw(true); stream.write('\n'); }
    },
  };
}

export function formatSecs(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return m ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
