import { Entity } from '@backstage/catalog-model';
import { resolveSelection } from './selection';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'support-bot', namespace: 'default', annotations },
    spec: {},
  };
}

describe('resolveSelection', () => {
  it('selects the backstage.io/kubernetes-id label', () => {
    const r = resolveSelection(
      entity({ 'backstage.io/kubernetes-id': 'support-bot' }),
    );
    expect(r.selection).toEqual({
      entityRef: 'component:default/support-bot',
      kubernetesId: 'support-bot',
    });
    expect(r.query).toEqual({
      requirements: [
        {
          key: 'backstage.io/kubernetes-id',
          op: 'in',
          values: ['support-bot'],
        },
      ],
    });
  });

  it('lets the label selector win over the id and restricts the namespace', () => {
    const r = resolveSelection(
      entity({
        'backstage.io/kubernetes-id': 'ignored',
        'backstage.io/kubernetes-label-selector': 'app in (bot,chat)',
        'backstage.io/kubernetes-namespace': 'team-support',
      }),
    );
    expect(r.selection).toEqual({
      entityRef: 'component:default/support-bot',
      kubernetesId: 'ignored',
      labelSelector: 'app in (bot,chat)',
      namespace: 'team-support',
    });
    expect(r.query).toEqual({
      requirements: [{ key: 'app', op: 'in', values: ['bot', 'chat'] }],
      namespaces: ['team-support'],
    });
  });

  it('rejects an entity without the annotations with EntityNotAnnotatedError (400)', () => {
    let error: any;
    try {
      resolveSelection(
        entity({ 'backstage.io/kubernetes-namespace': 'team-support' }),
      );
    } catch (e) {
      error = e;
    }
    expect(error.name).toBe('EntityNotAnnotatedError');
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain('component:default/support-bot');
  });

  it('rejects an empty label selector rather than selecting everything', () => {
    expect(() =>
      resolveSelection(
        entity({ 'backstage.io/kubernetes-label-selector': ' , ' }),
      ),
    ).toThrow(expect.objectContaining({ name: 'EntityNotAnnotatedError' }));
  });

  it('rejects a malformed label selector with an InputError', () => {
    expect(() =>
      resolveSelection(
        entity({ 'backstage.io/kubernetes-label-selector': 'a b' }),
      ),
    ).toThrow(expect.objectContaining({ name: 'InputError' }));
  });
});
