import { ResourceReader } from '../../cache/ResourceCaches';
import { differences, expectedObjects, ExpectedObjects } from './drift';
import { ReapplyInput } from './types';
import { GrantWriter, PlannedObject } from './writes';

/**
 * What re-applying a drifted grant writes: the policies that are missing or changed (created / replaced as they
 * should be), the Secret's labels when changed and its entries no key of the grant stands for removed. Key entries
 * cannot be put back (only their hash was there): they are answered as lost, for a rotation.
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
  const live = expected.secret
    ? reader.get(
        target.cluster,
        'Secret',
        target.namespace,
        expected.secret.name,
      )
    : undefined;
  const present = Object.keys(live?.data ?? {});
  const keyIds = expected.secret?.keyIds ?? [];
  const lostKeyIds = keyIds.filter(k => !present.includes(k));
  // entries no key of the grant stands for are removed
  const extra = present.filter(k => !keyIds.includes(k));
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
        secret: { stringData: {}, labels, remove: extra },
      },
    });
  }
  return { planned, expected, lostKeyIds };
}
