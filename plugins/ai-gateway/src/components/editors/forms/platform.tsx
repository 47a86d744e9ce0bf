import { useEditor } from '../EditorContext';
import { FormSection, PathNumber, PathSelect, PathText, Row } from '../fields';
import { ArrayField, NameField } from './common';
import { FormDescriptor } from './types';

function NamespaceField() {
  const { mode } = useEditor();
  return (
    <PathText
      path="metadata.namespace"
      label="Namespace"
      required
      disabled={mode === 'edit'}
    />
  );
}

function GatewayForm() {
  return (
    <>
      <Row>
        <NamespaceField />
        <NameField helperText="lowercase letters, digits and -" />
      </Row>
      <PathText
        path="spec.gatewayClassName"
        label="Gateway class"
        required
        placeholder="agentgateway"
      />
      <ArrayField
        path="spec.listeners"
        title="Listeners"
        itemTitle={i => `Listener ${i + 1}`}
        min={1}
        newItem={() => ({
          name: '',
          protocol: 'HTTP',
          port: 80,
          allowedRoutes: { namespaces: { from: 'Same' } },
        })}
      >
        {i => (
          <>
            <Row>
              <PathText
                path={`spec.listeners.${i}.name`}
                label="Listener name"
                required
              />
              <PathSelect
                path={`spec.listeners.${i}.protocol`}
                label="Protocol"
                options={['HTTP', 'HTTPS', 'TLS', 'TCP']}
              />
              <PathNumber
                path={`spec.listeners.${i}.port`}
                label="Port"
                required
                min={1}
                max={65535}
              />
            </Row>
            <Row>
              <PathText
                path={`spec.listeners.${i}.hostname`}
                label="Hostname"
                placeholder="*.example.com"
              />
              <PathSelect
                path={`spec.listeners.${i}.allowedRoutes.namespaces.from`}
                label="Routes from namespaces"
                options={['Same', 'All', 'Selector']}
              />
            </Row>
          </>
        )}
      </ArrayField>
    </>
  );
}

function ParametersForm() {
  return (
    <>
      <Row>
        <NamespaceField />
        <NameField helperText="lowercase letters, digits and -" />
      </Row>
      <FormSection title="Proxy image">
        <Row>
          <PathText
            path="spec.image.registry"
            label="Registry"
            placeholder="cr.agentgateway.dev"
          />
          <PathText
            path="spec.image.repository"
            label="Repository"
            placeholder="agentgateway"
          />
          <PathText path="spec.image.tag" label="Tag" />
        </Row>
      </FormSection>
      <FormSection title="Logging">
        <Row>
          <PathText
            path="spec.logging.level"
            label="Level"
            placeholder="info"
          />
          <PathSelect
            path="spec.logging.format"
            label="Format"
            options={['json', 'text']}
            allowEmpty
          />
        </Row>
      </FormSection>
    </>
  );
}

export const platformForms: FormDescriptor[] = [
  {
    id: 'gateway',
    kind: 'Gateway',
    label: 'Gateway',
    matches: o => o.kind === 'Gateway',
    template: () => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: '', namespace: '' },
      spec: {
        gatewayClassName: 'agentgateway',
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    }),
    Form: GatewayForm,
  },
  {
    id: 'parameters',
    kind: 'AgentgatewayParameters',
    label: 'Gateway parameters',
    matches: o => o.kind === 'AgentgatewayParameters',
    template: () => ({
      apiVersion: 'agentgateway.dev/v1alpha1',
      kind: 'AgentgatewayParameters',
      metadata: { name: '', namespace: '' },
      spec: { logging: { level: 'info', format: 'json' } },
    }),
    Form: ParametersForm,
  },
];
