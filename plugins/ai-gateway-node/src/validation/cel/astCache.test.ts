import { parse } from '@bufbuild/cel';
import { loadBundledCrds } from '../../crds';
import { buildSchemaTree, collectRules } from '../schemaTree';
import { decodeAst, encodeAst, parseCached } from './astCache';
import { compileCel } from './compile';

describe('CEL AST cache', () => {
  const expressions = [
    ...new Set(
      loadBundledCrds().flatMap(crd =>
        crd.spec.versions
          .filter(v => v.schema)
          .flatMap(v =>
            collectRules(buildSchemaTree(v.schema!.openAPIV3Schema)),
          )
          .flatMap(r => [
            r.rule.rule,
            ...(r.rule.messageExpression ? [r.rule.messageExpression] : []),
          ]),
      ),
    ),
  ];

  it('round-trips the AST of every bundled rule exactly (bigints, bytes, undefined fields)', () => {
    expect(expressions.length).toBeGreaterThan(200); // 1,274 rules, ~235 distinct expressions
    const extra = [
      "b'\\x01\\xff' == bytes('a') && 3u > 1u && -9223372036854775808 < 1 && 1.5e3 > 0.0 && {'a': [null]}.a[0] == null",
    ];
    for (const e of [...expressions, ...extra]) {
      const parsed = parse(e);
      const decoded = decodeAst(JSON.parse(JSON.stringify(encodeAst(parsed))));
      expect(decoded).toStrictEqual(parsed);
    }
  });

  it('answers a parse through the disk cache that equals a fresh parse, and evaluates the same', () => {
    const e =
      "self.all(x, x.port >= 1u || x.name.matches('^[a-z]+$')) && size(self) <= 3";
    expect(parseCached(e)).toStrictEqual(parse(e)); // first call may write the entry
    expect(parseCached(e)).toStrictEqual(parse(e)); // second call reads it (when caching is on)
    const c = compileCel("self.startsWith('a') && self.size() < 5");
    expect(c.ok && c.program({ self: 'abc' })).toBe(true);
    expect(c.ok && c.program({ self: 'xbc' })).toBe(false);
  });

  it('does not cache parse errors', () => {
    expect(() => parseCached('self.foo(')).toThrow();
    expect(() => parseCached('self.foo(')).toThrow();
  });
});
