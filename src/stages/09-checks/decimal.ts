// Exact decimals as scaled BigInts: sums of stated figures never pick up floating-point error.

export interface Dec { n: bigint; scale: number }

export function parseDec(s: string): Dec {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac) * (m[1] ? -1n : 1n);
  return { n, scale: frac.length };
}

export function align(a: Dec, scale: number): bigint {
  return a.n * 10n ** BigInt(scale - a.scale);
}

export function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { n: align(a, scale) + align(b, scale), scale };
}

export function sub(a: Dec, b: Dec): Dec {
  return add(a, { n: -b.n, scale: b.scale });
}

export function abs(a: Dec): Dec {
  return { n: a.n < 0n ? -a.n : a.n, scale: a.scale };
}

export function cmp(a: Dec, b: Dec): number {
  const scale = Math.max(a.scale, b.scale);
  const x = align(a, scale), y = align(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function format(a: Dec): string {
  const neg = a.n < 0n;
  let s = (neg ? -a.n : a.n).toString().padStart(a.scale + 1, '0');
  if (a.scale > 0) s = s.slice(0, s.length - a.scale) + '.' + s.slice(s.length - a.scale);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return (neg ? '-' : '') + s;
}

export const ZERO: Dec = { n: 0n, scale: 0 };

/** Half a unit of the last digit the article wrote: 186.3亿元 (value 18630000000) → 5000000. */
export function halfUlp(text: string, value: string): Dec {
  const v = parseDec(value);
  const m = /(\d+)(?:\.(\d+))?/.exec(text.replace(/[\s,，]/g, ''));
  if (m) {
    const written = BigInt(m[1] + (m[2] ?? ''));
    if (written !== 0n) {
      // ulp = value / written-as-integer (exact when the multiplier is a power of ten)
      const vn = v.n < 0n ? -v.n : v.n;
      for (let extra = 0; extra <= 8; extra++) {
        const num = vn * 10n ** BigInt(extra);
        if (num % written === 0n) {
          const ulp: Dec = { n: num / written, scale: v.scale + extra };
          return { n: ulp.n * 5n, scale: ulp.scale + 1 };
        }
      }
    }
  }
  // Chinese numerals: the last non-zero digit's place
  let n = v.n < 0n ? -v.n : v.n;
  let place = 0n;
  let p = 1n;
  while (n > 0n && n % 10n === 0n) { n /= 10n; p *= 10n; }
  place = p;
  return { n: place * 5n, scale: v.scale + 1 };
}

/** Decimals the article wrote for a figure (186.3亿元 → 1). */
export function writtenDecimals(text: string): number {
  const m = /\d+(?:\.(\d+))?/.exec(text.replace(/[\s,，]/g, ''));
  return m?.[1]?.length ?? 0;
}

/** Half a unit at `decimals` decimals of the figure's own multiplier (9亿元 at 2 decimals → 0.005亿). */
export function halfUlpAt(text: string, value: string, decimals: number): Dec {
  const h = halfUlp(text, value);
  const d = writtenDecimals(text);
  return decimals > d ? { n: h.n, scale: h.scale + (decimals - d) } : h;
}
