import { KubeObject, ObjectReference, ResourceKindDescriptor } from './types';
import {
  ancestorConditions,
  noConditions,
  parentConditions,
  topLevelConditions,
} from '../summaries/conditions';
import { backendReferences, summarizeBackend } from '../summaries/backend';
import { routeReferences, summarizeRoute } from '../summaries/route';
import { policyReferences, summarizePolicy } from '../summaries/policy';
import {
  gatewayReferences,
  summarizeGateway,
  summarizeGatewayClass,
  summarizeModel,
  summarizeParameters,
  summarizeReferenceGrant,
  summarizeSecret,
} from '../summaries/gateway';
import {
  listenerSetReferences,
  summarizeListenerSet,
} from '../summaries/listenerSet';
import { parentRefs } from '../summaries/references';

const GATEWAY_API = 'gateway.networking.k8s.io';
const AGENTGATEWAY = 'agentgateway.dev';
const none = (): ObjectReference[] => [];

/**
 * Every kind the plugin manages, declared once. CRUD routes, validation, permissions, caches, catalog
 * lookups and the UI tables are all generic over this list.
 */
export const RESOURCE_KINDS: readonly ResourceKindDescriptor[] = [
  {
    kind: 'GatewayClass',
    group: GATEWAY_API,
    version: 'v1',
    plural: 'gatewayclasses',
    namespaced: false,
    displayName: 'Gateway class',
    scope: 'platform',
    readOnly: true,
    columns: [
      { id: 'controller', title: 'Controller' },
      { id: 'parameters', title: 'Parameters' },
    ],
    conditionTypes: ['Accepted'],
    summarize: summarizeGatewayClass,
    references: none,
    conditions: topLevelConditions,
  },
  {
    kind: 'Gateway',
    group: GATEWAY_API,
    version: 'v1',
    plural: 'gateways',
    namespaced: true,
    displayName: 'Gateway',
    tab: 'gateways',
    scope: 'platform',
    columns: [
      { id: 'class', title: 'Class' },
      { id: 'listeners', title: 'Listeners' },
      { id: 'addresses', title: 'Addresses' },
      { id: 'attachedRoutes', title: 'Routes' },
    ],
    conditionTypes: ['Accepted', 'Programmed'],
    summarize: summarizeGateway,
    references: gatewayReferences,
    conditions: topLevelConditions,
  },
  {
    // extra listeners attached to a Gateway (allowed by its spec.allowedListeners); routes may attach to them
    kind: 'ListenerSet',
    group: GATEWAY_API,
    version: 'v1',
    plural: 'listenersets',
    namespaced: true,
    displayName: 'Listener set',
    scope: 'platform',
    optional: true,
    columns: [
      { id: 'gateways', title: 'Gateway' },
      { id: 'listeners', title: 'Listeners' },
      { id: 'attachedRoutes', title: 'Routes' },
    ],
    conditionTypes: ['Accepted', 'Programmed'],
    summarize: summarizeListenerSet,
    references: listenerSetReferences,
    conditions: topLevelConditions,
  },
  {
    kind: 'HTTPRoute',
    group: GATEWAY_API,
    version: 'v1',
    plural: 'httproutes',
    namespaced: true,
    displayName: 'HTTP route',
    tab: 'routes',
    scope: 'entity',
    columns: [
      { id: 'gateways', title: 'Gateways' },
      { id: 'hostnames', title: 'Hostnames' },
      { id: 'matches', title: 'Matches' },
      { id: 'backends', title: 'Backends' },
    ],
    conditionTypes: ['Accepted', 'ResolvedRefs'],
    summarize: summarizeRoute,
    references: routeReferences,
    conditions: parentConditions,
  },
  {
    kind: 'ReferenceGrant',
    group: GATEWAY_API,
    version: 'v1beta1',
    plural: 'referencegrants',
    namespaced: true,
    displayName: 'Reference grant',
    tab: 'routes',
    scope: 'entity',
    columns: [
      { id: 'from', title: 'From' },
      { id: 'to', title: 'To' },
    ],
    conditionTypes: [],
    summarize: summarizeReferenceGrant,
    references: none,
    conditions: noConditions,
  },
  {
    kind: 'AgentgatewayBackend',
    group: AGENTGATEWAY,
    version: 'v1alpha1',
    plural: 'agentgatewaybackends',
    namespaced: true,
    displayName: 'Backend',
    tab: 'backends',
    scope: 'entity',
    columns: [
      { id: 'type', title: 'Type' },
      { id: 'provider', title: 'Provider' },
      { id: 'model', title: 'Model' },
      { id: 'targets', title: 'Targets' },
    ],
    conditionTypes: ['Accepted'],
    summarize: summarizeBackend,
    references: backendReferences,
    conditions: topLevelConditions,
  },
  {
    kind: 'AgentgatewayModel',
    group: AGENTGATEWAY,
    version: 'v1alpha1',
    plural: 'agentgatewaymodels',
    namespaced: true,
    displayName: 'Model',
    tab: 'backends',
    scope: 'entity',
    columns: [
      { id: 'provider', title: 'Provider' },
      { id: 'model', title: 'Model' },
      { id: 'visibility', title: 'Visibility' },
      { id: 'gateways', title: 'Gateways' },
    ],
    conditionTypes: ['Accepted', 'ResolvedRefs'],
    summarize: summarizeModel,
    references: parentRefs,
    conditions: parentConditions,
  },
  {
    kind: 'AgentgatewayPolicy',
    group: AGENTGATEWAY,
    version: 'v1alpha1',
    plural: 'agentgatewaypolicies',
    namespaced: true,
    displayName: 'Policy',
    tab: 'policies',
    scope: 'entity',
    columns: [
      { id: 'targets', title: 'Targets' },
      { id: 'sections', title: 'Sections' },
    ],
    conditionTypes: ['Accepted', 'Attached'],
    summarize: summarizePolicy,
    references: policyReferences,
    conditions: ancestorConditions,
  },
  {
    kind: 'AgentgatewayParameters',
    group: AGENTGATEWAY,
    version: 'v1alpha1',
    plural: 'agentgatewayparameters',
    namespaced: true,
    displayName: 'Gateway parameters',
    scope: 'platform',
    columns: [
      { id: 'image', title: 'Image' },
      { id: 'overrides', title: 'Overrides' },
    ],
    conditionTypes: [],
    summarize: summarizeParameters,
    references: none,
    conditions: noConditions,
  },
  {
    kind: 'Secret',
    group: '',
    version: 'v1',
    plural: 'secrets',
    namespaced: true,
    displayName: 'Secret',
    scope: 'secret',
    columns: [
      { id: 'type', title: 'Type' },
      { id: 'keys', title: 'Keys' },
    ],
    conditionTypes: [],
    summarize: summarizeSecret,
    references: none,
    conditions: noConditions,
  },
];

const byKind = new Map(RESOURCE_KINDS.map(d => [d.kind, d]));

/** The descriptor of a kind, or undefined for kinds the plugin does not manage. */
export function findKind(kind: string): ResourceKindDescriptor | undefined {
  return byKind.get(kind);
}

export function getKind(kind: string): ResourceKindDescriptor {
  const d = byKind.get(kind);
  if (!d) throw new Error(`Unknown resource kind '${kind}'`);
  return d;
}

export function kindsForTab(tab: string): ResourceKindDescriptor[] {
  return RESOURCE_KINDS.filter(d => d.tab === tab);
}

/** The descriptor matching an object's apiVersion + kind. */
export function kindOf(
  obj: Pick<KubeObject, 'apiVersion' | 'kind'>,
): ResourceKindDescriptor | undefined {
  const d = byKind.get(obj.kind);
  if (!d) return undefined;
  const group = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')[0]
    : '';
  return group === d.group ? d : undefined;
}
