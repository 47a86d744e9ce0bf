import { assignCauses, causesOfError } from './causes';

describe('causes', () => {
  it('reads causes from a backend 422 body (top level or inside error)', () => {
    const top = {
      statusCode: 422,
      body: {
        error: { name: 'InputError', message: 'bad' },
        causes: [
          { field: 'spec.x', message: 'm', reason: 'FieldValueInvalid' },
        ],
      },
    };
    expect(causesOfError(top)).toEqual([
      { field: 'spec.x', message: 'm', reason: 'FieldValueInvalid' },
    ]);
    const inner = {
      body: {
        error: {
          name: 'InputError',
          message: 'bad',
          causes: [{ field: 'metadata.name', message: 'required' }],
        },
      },
    };
    expect(causesOfError(inner)).toEqual([
      { field: 'metadata.name', message: 'required' },
    ]);
    expect(causesOfError(new Error('x'))).toEqual([]);
  });

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
