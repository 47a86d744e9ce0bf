/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `16384`, `1e3`), parsed exactly into nano-units (bigint),
 * for the Kubernetes CEL `quantity()` library.
 */

const NANO = 1_000_000_000n;

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
/** Decimal suffixes as powers of ten. */
const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** Parses a quantity into nano-units; `undefined` when the text is not a quantity. */
export function parseQuantity(text: string): bigint | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, number, suffix = ''] = m;
  const negative = number.startsWith('-');
  const digits = number.replace(/^[+-]/, '');
  const [intPart, fracPart = ''] = digits.split('.');
  // value = mantissa * 10^-scale
  const mantissa = BigInt((intPart || '0') + fracPart);
  let scale = fracPart.length;
  let factor = 1n;
  if (suffix in BINARY) {
    factor = BINARY[suffix];
  } else if (/^[eE]/.test(suffix)) {
    scale -= Number(suffix.slice(1));
  } else {
    scale -= DECIMAL[suffix];
  }
  if (scale < -40 || scale > 40) return undefined;
  // nano-units = mantissa * factor * 10^(9 - scale), rounded up like the apiserver does for sub-nano precision
  const shift = 9 - scale;
  let nano: bigint;
  if (shift >= 0) {
    nano = mantissa * factor * 10n ** BigInt(shift);
  } else {
    const div = 10n ** BigInt(-shift);
    const product = mantissa * factor;
    nano = product / div + (product % div === 0n ? 0n : 1n);
  }
  return negative ? -nano : nano;
}

export function compareQuantities(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function quantityIsInteger(nano: bigint): boolean {
  return nano % NANO === 0n;
}

export function quantityToInteger(nano: bigint): bigint {
  return nano / NANO;
}

export function quantityToFloat(nano: bigint): number {
  return Number(nano) / 1e9;
}

export { NANO };
