/*
 * The rule that finds reference fields in a CRD's openAPIV3Schema (below `spec`), decided from the bundled schemas:
 *   a property whose name ends in `Ref` or `Refs` (backendRef(s), parentRef(s), targetRef(s), secretRef,
 *   certificateRefs, parametersRef, extensionRef, modelRef, configMapKeyRef, ...) whose value — or, for an array,
 *   whose items — is an object with a `name` property.
 * (Objects that only look alike, e.g. ReferenceGrant `to` / `from`, describe permissions, not references; `fieldRef`,
 * `fileKeyRef`, `resourceFieldRef` have no `name`.)
 * The target's group / kind when the object omits them: the schema's `default`s; otherwise, when the field may
 * omit `kind`, the kind its name implies (Secret for secret / certificate / signing-key refs, ConfigMap, Service for
 * backend refs, AgentgatewayModel for model refs, Gateway for parent refs). When `kind` is required there is no
 * default. `namespaced`: the field has a `namespace` (it can point into another namespace).
 */

const BY_NAME = [
  [/secret|certificate|signingKey/i, '', 'Secret'],
  [/configMap/i, '', 'ConfigMap'],
  [/backendRef/i, '', 'Service'],
  [/modelRef/i, 'agentgateway.dev', 'AgentgatewayModel'],
  [/parentRef/i, 'gateway.networking.k8s.io', 'Gateway'],
];

const GROUP_OF_KIND = {
  Secret: '',
  ConfigMap: '',
  Service: '',
  Gateway: 'gateway.networking.k8s.io',
  AgentgatewayModel: 'agentgateway.dev',
};

function defaultsOf(prop, schema) {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  let kind = props.kind?.default;
  let group = props.group?.default;
  if (kind === undefined && !required.has('kind')) {
    const hit = BY_NAME.find(([re]) => re.test(prop));
    if (hit) {
      kind = hit[2];
      if (group === undefined && !required.has('group')) group = hit[1];
    }
  }
  if (group === undefined && kind !== undefined && !required.has('group')) {
    group = GROUP_OF_KIND[kind];
  }
  return {
    ...(group !== undefined ? { group } : {}),
    ...(kind !== undefined ? { kind } : {}),
  };
}

/** Every reference field below `spec` of one CRD schema, sorted by path. Iterative. */
export function findReferenceFields(openAPIV3Schema) {
  const found = new Map();
  const spec = openAPIV3Schema?.properties?.spec;
  const stack = spec ? [[spec, 'spec', '']] : [];
  while (stack.length) {
    const [schema, path, prop] = stack.pop();
    if (!schema || typeof schema !== 'object') continue;
    for (const branch of [
      ...(schema.anyOf ?? []),
      ...(schema.oneOf ?? []),
      ...(schema.allOf ?? []),
    ]) {
      stack.push([branch, path, prop]);
    }
    if (schema.type === 'array' && schema.items) {
      stack.push([schema.items, `${path}[]`, prop]);
      continue;
    }
    const props = schema.properties ?? {};
    if (/Refs?$/.test(prop) && props.name) {
      found.set(path, {
        path,
        ...defaultsOf(prop, schema),
        namespaced: Boolean(props.namespace),
      });
    }
    for (const [key, child] of Object.entries(props)) {
      stack.push([child, `${path}.${key}`, key]);
    }
  }
  // code-unit order (not localeCompare): the generated table must not depend on the machine's locale
  const byPath = (a, b) => {
    if (a.path === b.path) return 0;
    return a.path < b.path ? -1 : 1;
  };
  return [...found.values()].sort(byPath);
}
