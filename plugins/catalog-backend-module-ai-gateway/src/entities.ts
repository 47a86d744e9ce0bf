import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  AI_GATEWAY_API_ANNOTATIONS as A,
  DISCOVERY_LOCATION_PREFIX,
  DiscoveredApi,
  DiscoveredResource,
  DiscoveryOwnership,
  DiscoverySource,
  McpServerDefinition,
  A2aApiDefinition,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** Catalog namespace of every emitted entity. */
export const ENTITY_NAMESPACE = 'default';

/** `ai-gateway:<cluster>/<Kind>/<namespace>/<name>`: the location of an entity emitted for a Kubernetes object. */
export function locationOf(source: DiscoverySource): string {
  return `${DISCOVERY_LOCATION_PREFIX}${source.cluster}/${source.kind}/${source.namespace}/${source.name}`;
}

const resourceRef = (name: string) => `resource:${ENTITY_NAMESPACE}/${name}`;

function commonAnnotations(
  source: DiscoverySource,
  ownership: DiscoveryOwnership,
): Record<string, string> {
  const location = locationOf(source);
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [A.cluster]: source.cluster,
    [A.source]: `${source.kind}:${source.namespace}/${source.name}`,
    ...(ownership.kubernetesAnnotations ?? {}),
    ...(ownership.unowned ? { [A.unowned]: 'true' } : {}),
  };
}

function ownerSpec(ownership: DiscoveryOwnership) {
  return {
    owner: ownership.owner,
    ...(ownership.system ? { system: ownership.system } : {}),
  };
}

/** The API entity of one endpoint (see the README of this package for the exact shape). */
export function apiEntity(api: DiscoveredApi): Entity {
  const annotations: Record<string, string> = {
    ...commonAnnotations(api.source, api.ownership),
    [A.baseUrl]: api.baseUrl,
    [A.auth]: api.auth.kind,
    [A.authHeader]: api.auth.header,
    [A.authScheme]: api.auth.scheme,
    [A.gateway]: api.gateways.join(','),
  };
  if (api.ownership.entityRef)
    annotations[A.providedBy] = api.ownership.entityRef;
  if (api.type === 'llm' && api.searchTerms.length) {
    annotations[A.models] = api.searchTerms.join(',');
  }
  const spec: NonNullable<Entity['spec']> = {
    type: api.type,
    lifecycle: api.lifecycle,
    ...ownerSpec(api.ownership),
    // mcp-server definitions carry every tool's input schema (500 tools ≈ 0.5 MB): compact, the page parses it on
    // every visit; the small llm (OpenAPI) and a2a documents stay indented for the raw view
    definition:
      api.type === 'mcp-server'
        ? JSON.stringify(api.definition)
        : JSON.stringify(api.definition, null, 2),
    dependsOn: api.dependsOn.map(resourceRef),
  };
  // MCP discovery (tools) and A2A discovery (the agent card): status, last success, last failure
  const discovery = {
    'mcp-server': () => (api.definition as McpServerDefinition).discovery,
    a2a: () => (api.definition as A2aApiDefinition).discovery,
    llm: () => undefined,
  }[api.type]?.();
  if (discovery) {
    annotations[A.discoveryStatus] = discovery.status;
    if (discovery.discoveredAt)
      annotations[A.discoveredAt] = discovery.discoveredAt;
    if (discovery.error)
      annotations[
        A.discoveryError
      ] = `${discovery.error.at}: ${discovery.error.message}`;
  }
  if (api.type === 'mcp-server') {
    const def = api.definition as McpServerDefinition;
    // the `remotes` of Backstage's mcp-server API kind (RFC backstage/backstage#32062)
    spec.remotes = [{ type: def.transport, url: def.url }];
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: api.name,
      namespace: ENTITY_NAMESPACE,
      title: api.title,
      description: api.description,
      tags: api.tags,
      annotations,
      links: [{ url: api.url, title: 'Gateway endpoint' }],
    },
    spec,
  };
}

/** The Resource entity of a Gateway (`ai-gateway`) or an AI / MCP / A2A backend (`ai-gateway-backend`). */
export function resourceEntity(resource: DiscoveredResource): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: resource.name,
      namespace: ENTITY_NAMESPACE,
      title: resource.title,
      description: resource.description,
      tags: resource.tags,
      annotations: {
        ...commonAnnotations(resource.source, resource.ownership),
        ...(resource.baseUrl ? { [A.baseUrl]: resource.baseUrl } : {}),
      },
      ...(resource.baseUrl
        ? { links: [{ url: resource.baseUrl, title: 'Gateway base URL' }] }
        : {}),
    },
    spec: {
      type: resource.type,
      ...ownerSpec(resource.ownership),
      dependsOn: resource.dependsOn.map(resourceRef),
    },
  };
}
