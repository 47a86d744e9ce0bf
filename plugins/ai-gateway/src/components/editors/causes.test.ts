import { assignCauses } from './causes';

describe('causes', () => {
  it('assigns a cause to the most specific field whose path matches, the rest stay unassigned', () => {
    const { byField, unassigned } = assignCauses(
      [
        {
          field: 'spec.rules[0].matches[0].path.value',
          message: 'must start with /',
        },
        { field: 'spec.rules[0]', message: 'rule problem' },
        { field: 'spec.targetRefs', message: 'not mine' },
      ],
      [
        'spec.rules.0.matches.0.path.value',
        'spec.rules.0.matches.0',
        'spec.rules.0.backendRefs',
      ],
    );
    expect(byField.get('spec.rules.0.matches.0.path.value')?.[0].message).toBe(
      'must start with /',
    );
    expect(byField.size).toBe(1);
    expect(unassigned.map(c => c.message)).toEqual([
      'rule problem',
      'not mine',
    ]);
  });
});
