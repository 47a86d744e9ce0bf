import {
  parseQuantity,
  compareQuantities,
  quantityIsInteger,
  quantityToFloat,
} from './quantity';

describe('parseQuantity', () => {
  it('parses decimal, binary, exponent and milli quantities exactly', () => {
    expect(parseQuantity('16384')).toBe(16384n * 1_000_000_000n);
    expect(parseQuantity('1Ki')).toBe(1024n * 1_000_000_000n);
    expect(parseQuantity('1.5Gi')).toBe(1610612736n * 1_000_000_000n);
    expect(parseQuantity('500m')).toBe(500_000_000n);
    expect(parseQuantity('1e3')).toBe(1000n * 1_000_000_000n);
    expect(parseQuantity('-2k')).toBe(-2000n * 1_000_000_000n);
    expect(quantityToFloat(parseQuantity('250m')!)).toBe(0.25);
  });

  it('rejects text that is not a quantity', () => {
    for (const bad of ['', 'abc', '1.2.3', '5 Gi', '1X', 'Gi'])
      expect(parseQuantity(bad)).toBeUndefined();
  });

  it('compares across units', () => {
    expect(compareQuantities(parseQuantity('1Mi')!, parseQuantity('1M')!)).toBe(
      1,
    );
    expect(
      compareQuantities(parseQuantity('1000m')!, parseQuantity('1')!),
    ).toBe(0);
    expect(quantityIsInteger(parseQuantity('1500m')!)).toBe(false);
  });
});
