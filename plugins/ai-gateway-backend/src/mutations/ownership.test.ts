import { KubeObject } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { Entity } from '@backstage/catalog-model';
import { resolveSelection } from '../entities/selection';
import { claimForEntity, isSelected, stampLabels } from './ownership';

const resolved = (annotations: Record<string, string>) =>
  resolveSelection({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'bot', namespace: 'default', annotations },
  } as Entity);
const obj = (
  namespace?: string,
  labels?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'X',
  metadata: {
    name: 'o',
    ...(namespace ? { namespace } : {}),
    ...(labels ? { labels } : {}),
  },
});

describe('ownership', () => {
  const byId = resolved({
    'backstage.io/kubernetes-id': 'bot',
    'backstage.io/kubernetes-namespace': 'ns-a',
  });
  const bySelector = resolved({
    'backstage.io/kubernetes-label-selector': 'app=bot,tier in (web),!legacy',
  });

  it('stamps the id label, or the equality terms of a selector', () => {
    expect(stampLabels(byId)).toEqual({ 'backstage.io/kubernetes-id': 'bot' });
    expect(stampLabels(bySelector)).toEqual({ app: 'bot', tier: 'web' });
    expect(() =>
      stampLabels(
        resolved({ 'backstage.io/kubernetes-label-selector': 'app in (a,b)' }),
      ),
    ).toThrow(/no equality term/);
  });

  it('selects by namespace and labels', () => {
    expect(
      isSelected(byId, obj('ns-a', { 'backstage.io/kubernetes-id': 'bot' })),
    ).toBe(true);
    expect(
      isSelected(byId, obj('ns-b', { 'backstage.io/kubernetes-id': 'bot' })),
    ).toBe(false);
    expect(
      isSelected(byId, obj('ns-a', { 'backstage.io/kubernetes-id': 'other' })),
    ).toBe(false);
  });

  it('claims an object: sets the namespace, keeps other labels, refuses another namespace', () => {
    const claimed = claimForEntity(byId, obj(undefined, { team: 'x' }), 'ns-a');
    expect(claimed.metadata).toEqual({
      name: 'o',
      namespace: 'ns-a',
      labels: { team: 'x', 'backstage.io/kubernetes-id': 'bot' },
    });
    expect(() => claimForEntity(byId, obj('ns-b'), 'ns-a')).toThrow(
      /^metadata\.namespace: 'ns-b' is not the namespace/,
    );
    // a label the selector excludes cannot be stamped away
    expect(() =>
      claimForEntity(bySelector, obj(undefined, { legacy: 'yes' }), 'ns-a'),
    ).toThrow(/^metadata\.labels/);
  });
});
