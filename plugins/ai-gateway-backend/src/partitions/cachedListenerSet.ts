import {
  KubeObject,
  ListenerSetParent,
  listenerSetParent,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/**
 * A route parentRef's ListenerSet (`<namespace>/<name>`) in one cluster, read from the watch cache and resolved to its
 * Gateway and listeners as partitions and overlap warnings see it (undefined when it is not in the cache).
 */
export function cachedListenerSet(
  reader: {
    get(
      cluster: string,
      kind: string,
      namespace: string | undefined,
      name: string,
    ): KubeObject | undefined;
  },
  cluster: string,
): (ref: string) => ListenerSetParent | undefined {
  return ref => {
    const [namespace, name] = ref.split('/');
    return listenerSetParent(
      reader.get(cluster, 'ListenerSet', namespace, name),
    );
  };
}
