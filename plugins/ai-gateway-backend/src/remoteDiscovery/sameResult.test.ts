import { sameResult } from './sameResult';

describe('sameResult', () => {
  it('compares as the stored JSON would: undefined properties are absent', () => {
    const result = {
      status: 'ok',
      serverInfo: undefined,
      tools: [{ name: 't', inputSchema: { type: 'object' } }],
      discoveredAt: '2026-12-02T06:00:00.000Z',
    };
    const reloaded = JSON.parse(JSON.stringify(result));
    expect(sameResult(result, reloaded)).toBe(true);
    expect(sameResult(reloaded, result)).toBe(true);
    expect(sameResult(undefined, undefined)).toBe(true);
  });

  it('tells a changed value, list order, length, key or a removal apart', () => {
    const a = { status: 'ok', items: ['x', 'y'], at: '1' };
    expect(sameResult(a, { ...a, at: '2' })).toBe(false);
    expect(sameResult(a, { ...a, items: ['y', 'x'] })).toBe(false);
    expect(sameResult(a, { ...a, items: ['x'] })).toBe(false);
    expect(sameResult(a, { ...a, extra: 0 })).toBe(false);
    expect(sameResult(a, { status: 'ok', items: ['x', 'y'] })).toBe(false);
    expect(sameResult(a, undefined)).toBe(false);
    expect(sameResult({ items: [] }, { items: {} })).toBe(false);
    expect(sameResult({ v: null }, { v: undefined })).toBe(false);
  });
});
