import { InputError, NotFoundError } from '@backstage/errors';
import { RESOURCE_KINDS } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { ResourceReader } from '../cache/ResourceCaches';
import { ResolvedSelection } from '../entities/selection';
import { FieldInputError } from './errors';

/**
 * Where writes go. The browser never picks the cluster:
 * 1. `aiGateway.writeCluster` when configured;
 * 2. else the only configured cluster;
 * 3. else the one cluster where the entity already has objects (platform writes: no such fallback);
 * otherwise 400 asking for `aiGateway.writeCluster`.
 * Updates and deletes go to the cluster whose cache holds the object, when exactly one does.
 */
export class Placement {
  constructor(
    private readonly reader: ResourceReader,
    private readonly writeCluster?: string,
  ) {
    if (writeCluster && !reader.clusterNames().includes(writeCluster)) {
      throw new InputError(
        `aiGateway.writeCluster names an unknown cluster '${writeCluster}'`,
      );
    }
  }

  /** The cluster new objects of this entity (or of the platform, without `resolved`) are written to. */
  writeClusterFor(resolved?: ResolvedSelection): string {
    if (this.writeCluster) return this.writeCluster;
    const clusters = this.reader.clusterNames();
    if (clusters.length === 1) return clusters[0];
    if (resolved) {
      const used = clusters.filter(
        c => this.entityNamespaces(c, resolved).length > 0,
      );
      if (used.length === 1) return used[0];
    }
    throw new InputError(
      `Cannot choose among clusters ${clusters.join(
        ', ',
      )}: set aiGateway.writeCluster`,
    );
  }

  /** The cluster holding an existing object (its cache), else the write cluster. */
  clusterOf(
    kind: string,
    name: string,
    resolved?: ResolvedSelection,
    namespace?: string,
  ): string {
    const holding = this.reader
      .clusterNames()
      .filter(c =>
        this.reader
          .query(
            c,
            kind,
            resolved?.query ?? (namespace ? { namespaces: [namespace] } : {}),
          )
          .some(
            o =>
              o.metadata.name === name &&
              (!namespace || o.metadata.namespace === namespace),
          ),
      );
    return holding.length === 1 ? holding[0] : this.writeClusterFor(resolved);
  }

  /**
   * The namespace of an entity's objects: its `backstage.io/kubernetes-namespace`, else the one namespace
   * where it already has objects in the cluster, else `hint` (the body's namespace) when the entity has no
   * objects yet; otherwise 400.
   */
  namespaceFor(
    cluster: string,
    resolved: ResolvedSelection,
    hint?: string,
  ): string {
    if (resolved.selection.namespace) return resolved.selection.namespace;
    const used = this.entityNamespaces(cluster, resolved);
    if (hint && (used.length === 0 || used.includes(hint))) return hint;
    if (used.length === 1) return used[0];
    throw new FieldInputError(
      'metadata.namespace',
      `${
        resolved.selection.entityRef
      } has no backstage.io/kubernetes-namespace annotation${
        used.length
          ? ` and objects in several namespaces (${used.join(', ')}); name one`
          : '; name one'
      }`,
    );
  }

  /** The namespace of an entity's existing object of this kind and name (404 when it has none). */
  locate(
    cluster: string,
    resolved: ResolvedSelection,
    kind: string,
    name: string,
    hint?: string,
  ): string {
    if (resolved.selection.namespace) return resolved.selection.namespace;
    const found = this.reader
      .query(cluster, kind, resolved.query)
      .filter(o => o.metadata.name === name)
      .map(o => o.metadata.namespace ?? '');
    // the cache may not have seen a just-written object yet: the caller's namespace is checked against the
    // API server's copy (ownership) before anything is written
    if (hint && (found.includes(hint) || found.length === 0)) return hint;
    if (found.length === 1) return found[0];
    if (found.length === 0)
      throw new NotFoundError(
        `${kind} ${name} not found for ${resolved.selection.entityRef}`,
      );
    throw new FieldInputError(
      'metadata.namespace',
      `${kind} ${name} exists in several namespaces (${found.join(
        ', ',
      )}); name one`,
    );
  }

  private entityNamespaces(
    cluster: string,
    resolved: ResolvedSelection,
  ): string[] {
    const namespaces = new Set<string>();
    for (const kind of RESOURCE_KINDS) {
      if (kind.scope === 'platform' && kind.kind !== 'Gateway') continue;
      for (const o of this.reader.query(cluster, kind.kind, resolved.query))
        namespaces.add(o.metadata.namespace ?? '');
    }
    return [...namespaces].filter(Boolean).sort();
  }
}
