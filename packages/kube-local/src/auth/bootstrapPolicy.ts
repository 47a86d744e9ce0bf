/**
 * The RBAC bootstrap policy every kube-apiserver stores at start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy,
 * `policy.go` ClusterRoles() / ClusterRoleBindings(), reconciled by the `rbac/bootstrap-roles` post-start hook):
 * the user-facing roles `cluster-admin`, `admin`, `edit`, `view` (the last three aggregated from the
 * `system:aggregate-to-*` roles and from anything else labelled `rbac.authorization.k8s.io/aggregate-to-*`), and the
 * roles every user gets through bindings to `system:authenticated` / `system:unauthenticated`. Only the roles a
 * person binds or sees are here; the controller and node roles (`system:node`, `system:kube-scheduler`, ...) are not.
 * Rules are those of the v1.32 policy, also for resources kube-local does not serve, so `kubectl get clusterrole
 * edit -o yaml` reads as on a real cluster. Lists are sorted as the policy's rule builder sorts them.
 */
import { KubeObject } from '../types';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = [...READ, ...WRITE];

const API_VERSION = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAPPING = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
const AGGREGATE = (to: string) => ({
  [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true',
});

const sorted = (l: string[]) => [...new Set(l)].sort();

/** rbacv1helpers.NewRule(verbs...).Groups(...).Resources(...) */
function rule(verbs: string[], groups: string[], resources: string[]) {
  return {
    apiGroups: sorted(groups),
    resources: sorted(resources),
    verbs: sorted(verbs),
  };
}

/** rbacv1helpers.NewRule(verbs...).URLs(...) */
function urls(verbs: string[], nonResourceURLs: string[]) {
  return { nonResourceURLs: sorted(nonResourceURLs), verbs: sorted(verbs) };
}

function clusterRole(
  name: string,
  body: { rules?: KubeObject[]; aggregateTo?: string; aggregates?: string },
): KubeObject {
  const role: KubeObject = {
    apiVersion: API_VERSION,
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: {
        ...BOOTSTRAPPING,
        ...(body.aggregateTo ? AGGREGATE(body.aggregateTo) : {}),
      },
      annotations: { ...AUTOUPDATE },
    },
  };
  if (body.aggregates)
    role.aggregationRule = {
      clusterRoleSelectors: [{ matchLabels: AGGREGATE(body.aggregates) }],
    };
  else role.rules = body.rules ?? [];
  return role;
}

export const BOOTSTRAP_CLUSTER_ROLES: KubeObject[] = [
  clusterRole('cluster-admin', {
    rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])],
  }),
  clusterRole('system:discovery', {
    rules: [
      urls(
        ['get'],
        [
          '/api',
          '/api/*',
          '/apis',
          '/apis/*',
          '/healthz',
          '/livez',
          '/openapi',
          '/openapi/*',
          '/readyz',
          '/version',
          '/version/',
        ],
      ),
    ],
  }),
  clusterRole('system:monitoring', {
    rules: [
      urls(
        ['get'],
        [
          '/healthz',
          '/healthz/*',
          '/livez',
          '/livez/*',
          '/metrics',
          '/metrics/slis',
          '/readyz',
          '/readyz/*',
        ],
      ),
    ],
  }),
  clusterRole('system:basic-user', {
    rules: [
      rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
      rule(
        ['create'],
        ['authorization.k8s.io'],
        ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      ),
    ],
  }),
  clusterRole('system:public-info-viewer', {
    rules: [
      urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/']),
    ],
  }),
  clusterRole('admin', { aggregates: 'admin' }),
  clusterRole('edit', { aggregates: 'edit', aggregateTo: 'admin' }),
  clusterRole('view', { aggregates: 'view', aggregateTo: 'edit' }),
  clusterRole('system:aggregate-to-admin', {
    aggregateTo: 'admin',
    rules: [
      rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
      rule(
        READ_WRITE,
        ['rbac.authorization.k8s.io'],
        ['rolebindings', 'roles'],
      ),
    ],
  }),
  clusterRole('system:aggregate-to-edit', {
    aggregateTo: 'edit',
    rules: [
      rule(
        READ,
        [''],
        [
          'pods/attach',
          'pods/proxy',
          'pods/exec',
          'pods/portforward',
          'secrets',
          'services/proxy',
        ],
      ),
      rule(['impersonate'], [''], ['serviceaccounts']),
      rule(
        WRITE,
        [''],
        ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward'],
      ),
      rule(['create'], [''], ['pods/eviction']),
      rule(
        WRITE,
        [''],
        [
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/proxy',
          'persistentvolumeclaims',
          'configmaps',
          'secrets',
          'events',
        ],
      ),
      rule(['create'], [''], ['serviceaccounts/token']),
      rule(
        WRITE,
        ['apps'],
        [
          'statefulsets',
          'statefulsets/scale',
          'daemonsets',
          'deployments',
          'deployments/scale',
          'deployments/rollback',
          'replicasets',
          'replicasets/scale',
        ],
      ),
      rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
      rule(WRITE, ['batch'], ['jobs', 'cronjobs']),
      rule(
        WRITE,
        ['extensions'],
        [
          'daemonsets',
          'deployments',
          'deployments/scale',
          'deployments/rollback',
          'ingresses',
          'replicasets',
          'replicasets/scale',
          'replicationcontrollers/scale',
          'networkpolicies',
        ],
      ),
      rule(WRITE, ['policy'], ['poddisruptionbudgets']),
      rule(WRITE, ['networking.k8s.io'], ['networkpolicies', 'ingresses']),
    ],
  }),
  clusterRole('system:aggregate-to-view', {
    aggregateTo: 'view',
    rules: [
      rule(
        READ,
        [''],
        [
          'pods',
          'replicationcontrollers',
          'replicationcontrollers/scale',
          'serviceaccounts',
          'services',
          'services/status',
          'endpoints',
          'persistentvolumeclaims',
          'persistentvolumeclaims/status',
          'configmaps',
        ],
      ),
      rule(
        READ,
        [''],
        [
          'limitranges',
          'resourcequotas',
          'bindings',
          'events',
          'pods/status',
          'resourcequotas/status',
          'namespaces/status',
          'replicationcontrollers/status',
          'pods/log',
        ],
      ),
      // read access to namespaces at the namespace scope means you can read *this* namespace
      rule(READ, [''], ['namespaces']),
      rule(READ, ['discovery.k8s.io'], ['endpointslices']),
      rule(
        READ,
        ['apps'],
        [
          'controllerrevisions',
          'statefulsets',
          'statefulsets/status',
          'statefulsets/scale',
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/status',
          'deployments/scale',
          'replicasets',
          'replicasets/status',
          'replicasets/scale',
        ],
      ),
      rule(
        READ,
        ['autoscaling'],
        ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'],
      ),
      rule(
        READ,
        ['batch'],
        ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status'],
      ),
      rule(
        READ,
        ['extensions'],
        [
          'daemonsets',
          'daemonsets/status',
          'deployments',
          'deployments/scale',
          'deployments/status',
          'ingresses',
          'ingresses/status',
          'replicasets',
          'replicasets/scale',
          'replicasets/status',
          'replicationcontrollers/scale',
          'networkpolicies',
        ],
      ),
      rule(
        READ,
        ['policy'],
        ['poddisruptionbudgets', 'poddisruptionbudgets/status'],
      ),
      rule(
        READ,
        ['networking.k8s.io'],
        ['networkpolicies', 'ingresses', 'ingresses/status'],
      ),
    ],
  }),
];

function binding(name: string, groups: string[]): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: {
      name,
      labels: { ...BOOTSTRAPPING },
      annotations: { ...AUTOUPDATE },
    },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name,
    },
    subjects: groups.map(g => ({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: g,
    })),
  };
}

export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: KubeObject[] = [
  binding('cluster-admin', ['system:masters']),
  binding('system:monitoring', ['system:monitoring']),
  binding('system:discovery', ['system:authenticated']),
  binding('system:basic-user', ['system:authenticated']),
  binding('system:public-info-viewer', [
    'system:authenticated',
    'system:unauthenticated',
  ]),
];
