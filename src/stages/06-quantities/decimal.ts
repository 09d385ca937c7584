// Exact decimal arithmetic on BigInt: a value is `m / 10^s`. Quantities never pass through JS
// floats, so 186.3亿 is 18630000000 exactly and 0.1亿 is 10000000.

export interface Dec {
  m: bigint; // mantissa
  s: number; // decimal places (>= 0)
}

export const ZERO: Dec = { m: 0n, s: 0 };

export function dec(m: bigint | number, s = 0): Dec {
  return { m: BigInt(m), s };
}

/** Parses "1234", "-7.9", "1,234.5" (commas are dropped). */
export function parseDec(str: string): Dec {
  const t = str.replace(/,/g, '');
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[2] === '' && !m[3])) throw new Error(`not a decimal: ${str}`);
  const frac = m[3] ?? '';
  const mant = BigInt((m[2] || '0') + frac);
  return { m: m[1] === '-' ? -mant : mant, s: frac.length };
}

const pow10 = (k: number) => 10n ** BigInt(k);

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.m * pow10(s - a.s), b.m * pow10(s - b.s), s];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y, s] = align(a, b);
  return { m: x + y, s };
}

export function mul(a: Dec, b: Dec): Dec {
  return { m: a.m * b.m, s: a.s + b.s };
}

/** a × 10^k (k may be negative). */
export function shift(a: Dec, k: number): Dec {
  if (k >= 0) return a.s >= k ? { m: a.m, s: a.s - k } : { m: a.m * pow10(k - a.s), s: 0 };
  return { m: a.m, s: a.s - k };
}

export function neg(a: Dec): Dec {
  return { m: -a.m, s: a.s };
}

export function cmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isInteger(a: Dec): boolean {
  return a.m % pow10(a.s) === 0n;
}

/** a / b rounded half away from zero to `places` decimals. */
export function div(a: Dec, b: Dec, places: number): Dec {
  if (b.m === 0n) throw new Error('division by zero');
  // a/b = (a.m / 10^a.s) / (b.m / 10^b.s) = a.m * 10^b.s / (b.m * 10^a.s)
  let num = a.m * pow10(b.s + places + 1);
  let den = b.m * pow10(a.s);
  if (den < 0n) { num = -num; den = -den; }
  let q = num / den; // one extra digit, truncated toward zero
  q = q >= 0n ? (q + 5n) / 10n : (q - 5n) / 10n;
  return { m: q, s: places };
}

/** Canonical string: no exponent, no trailing fractional zeros ("18630000000", "0.5", "-7.9"). */
export function toString(a: Dec): string {
  let { m, s } = a;
  while (s > 0 && m % 10n === 0n) { m /= 10n; s--; }
  const negative = m < 0n;
  let digits = (negative ? -m : m).toString();
  if (s > 0) {
    digits = digits.padStart(s + 1, '0');
    digits = digits.slice(0, digits.length - s) + '.' + digits.slice(digits.length - s);
  }
  return (negative ? '-' : '') + digits;
}

/** Fixed number of decimals ("0.333333"). */
export function toFixed(a: Dec, places: number): string {
  const r = a.s <= places ? { m: a.m * pow10(places - a.s), s: places } : div(a, dec(1), places);
  const negative = r.m < 0n;
  const digits = (negative ? -r.m : r.m).toString().padStart(places + 1, '0');
  const body = places > 0 ? digits.slice(0, digits.length - places) + '.' + digits.slice(digits.length - places) : digits;
  return (negative ? '-' : '') + body;
}
