import { ResourceReader } from '../../cache/ResourceCaches';
import { differences, expectedObjects, ExpectedObjects } from './drift';
import { ReapplyInput } from './types';
import { GrantWriter, PlannedObject } from './writes';

/**
 * What re-applying a drifted grant writes: the policies that are missing or changed (created / replaced as they
 * should be), the Secret's labels when changed. Key entries cannot be put back (only their hash was there): they
 * are answered as lost, for a rotation.
 */
export function reapplyPlan(
  writes: GrantWriter,
  reader: ResourceReader,
  input: ReapplyInput,
): {
  planned: PlannedObject[];
  expected: ExpectedObjects;
  lostKeyIds: string[];
} {
  const { grantId, target } = input;
  const expected = expectedObjects(input, target);
  const found = differences(reader, target, expected);
  const differs = (name: string) =>
    found.some(d => d.object.name === name && d.object.kind !== 'Secret');
  const planned: PlannedObject[] = [];
  if (expected.shared && differs(expected.shared.metadata.name))
    planned.push(writes.put('reapply', grantId, target, expected.shared, true));
  if (expected.policy && differs(expected.policy.metadata.name))
    planned.push(writes.put('reapply', grantId, target, expected.policy));
  const secret = found.find(d => d.object.kind === 'Secret');
  const lostKeyIds =
    secret?.change === 'missing'
      ? expected.secret?.keyIds ?? []
      : (secret?.paths ?? [])
          .filter(p => p.startsWith('data.'))
          .map(p => p.slice('data.'.length));
  if (secret?.change === 'changed' && expected.secret) {
    const { name, labels } = expected.secret;
    planned.push({
      scope: writes.scope(
        { decision: 'reapply', grantId },
        target,
        { grantObject: name, labels },
        ['update'],
      ),
      request: {
        action: 'patchSecret',
        name,
        secret: { stringData: {}, labels },
      },
    });
  }
  return { planned, expected, lostKeyIds };
}
