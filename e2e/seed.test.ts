import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expectedRows, loadSeed } from './seed';

const objects = loadSeed(join(__dirname, '..', 'examples', 'cluster'));

test('the demo seed gives the support-assistant component rows on all four tabs', () => {
  for (const tab of ['gateways', 'backends', 'routes', 'policies'] as const) {
    assert.ok(
      expectedRows(objects, 'support-assistant', tab).length > 0,
      `no ${tab}`,
    );
  }
});

test('the Gateways tab expects the shared gateway the routes attach to', () => {
  const rows = expectedRows(objects, 'support-assistant', 'gateways');
  assert.ok(
    rows.some(
      r =>
        r.descriptor.kind === 'Gateway' &&
        r.namespace === 'agentgateway-system',
    ),
  );
});

test('a broken route is expected with a red ResolvedRefs chip', () => {
  const routes = expectedRows(objects, 'support-assistant', 'routes');
  const broken = routes.find(r => r.name === 'support-legacy-gpt');
  assert.equal(broken?.chips.ResolvedRefs, 'ResolvedRefs: False');
});
