import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  KubeObject,
  ValidationCause,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
// the shared node validator in frontend TESTS only, to assert the forms produce what the API server accepts
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  createCrdValidator,
  loadBundledCrds,
} from '@ai-gateway-backstage/plugin-ai-gateway-node';
import { FixtureAiGatewayApi } from '../../../testing/FixtureAiGatewayApi';
import type { FixtureEntity } from '../../../testing/FixtureAiGatewayApi';
import { renderWithApi } from '../../../__testUtils__/renderWithApi';
import {
  ResourceEditorDialog,
  ResourceEditorDialogProps,
} from '../ResourceEditorDialog';

export const ENTITY = 'component:default/support-assistant';
let validator: ReturnType<typeof createCrdValidator> | undefined;

/** The shared CRD validator (schema + CEL), as the backend and the local API server run it. */
export function crdCauses(obj: KubeObject): ValidationCause[] {
  validator ??= createCrdValidator(loadBundledCrds());
  const withNs = {
    ...obj,
    metadata: {
      ...obj.metadata,
      namespace: obj.metadata.namespace ?? 'team-support',
    },
  };
  if (!validator.knows(obj.apiVersion, obj.kind)) return [];
  return validator.validate(withNs).causes;
}

export function fixtureApi(
  entity: FixtureEntity = {},
  validate: (o: KubeObject) => ValidationCause[] = crdCauses,
) {
  return new FixtureAiGatewayApi({
    entities: { [ENTITY]: entity },
    writes: { validate },
  });
}

export async function renderDialog(
  api: FixtureAiGatewayApi,
  props: Partial<ResourceEditorDialogProps>,
) {
  const onClose = jest.fn();
  const onSaved = jest.fn();
  await renderWithApi(
    <ResourceEditorDialog
      open
      target={{ scope: 'entity', entityRef: ENTITY }}
      onClose={onClose}
      onSaved={onSaved}
      {...props}
    />,
    { api },
  );
  return { onClose, onSaved, dialog: screen.getByRole('dialog') };
}

export const user = () => userEvent.setup({ delay: null });

/** Types into the text field with this label (replacing its content). */
export async function fill(
  label: string | RegExp,
  value: string,
  container: HTMLElement = document.body,
) {
  const field = within(container).getByLabelText(label, {
    selector: 'input, textarea',
  });
  fireEvent.change(field, { target: { value } });
}

/** Chooses an option of the MUI select with this label. */
export async function choose(
  label: string | RegExp,
  option: string | RegExp,
  container: HTMLElement = document.body,
) {
  const u = user();
  await u.click(within(container).getByRole('combobox', { name: label }));
  await u.click(await screen.findByRole('option', { name: option }));
}

/** The last object the fixture backend stored of this kind and name. */
export async function stored(
  api: FixtureAiGatewayApi,
  kind: string,
  name: string,
) {
  const tab = {
    AgentgatewayBackend: 'backends',
    HTTPRoute: 'routes',
    AgentgatewayPolicy: 'policies',
  }[kind] as any;
  const res = await api.getTab(ENTITY, tab);
  return res.items.find(i => i.kind === kind && i.name === name)?.object;
}
