import { loadBundledCrds } from '../../crds';
import { buildSchemaTree, collectRules } from '../schemaTree';
import { compileCel } from './compile';

describe('every CEL rule of every bundled CRD', () => {
  const all = loadBundledCrds().flatMap(crd =>
    crd.spec.versions
      .filter(v => v.schema)
      .flatMap(v =>
        collectRules(buildSchemaTree(v.schema!.openAPIV3Schema)).map(r => ({
          where: `${crd.spec.names.kind}/${v.name} ${r.path}`,
          rule: r.rule,
        })),
      ),
  );

  it('finds the ~1,300 rules', () => {
    expect(all.length).toBeGreaterThan(1200);
  });

  it('compiles all of them (parse + every called function bound)', () => {
    const failures = all
      .map(({ where, rule }) => ({
        where,
        rule: rule.rule,
        result: compileCel(rule.rule),
      }))
      .filter(x => !x.result.ok)
      .map(
        x => `${x.where}: ${x.rule}: ${(x.result as { error: string }).error}`,
      );
    expect(failures).toEqual([]);
  });

  it('compiles every messageExpression', () => {
    const failures = all.filter(
      x => x.rule.messageExpression && !compileCel(x.rule.messageExpression).ok,
    );
    expect(failures).toEqual([]);
  });

  it('reports what cannot compile instead of passing it', () => {
    expect(compileCel('self.foo(')).toMatchObject({ ok: false });
    expect(compileCel('notAKubernetesFunction(self)')).toEqual({
      ok: false,
      error: 'undeclared reference to function(s) notAKubernetesFunction',
    });
  });
});
