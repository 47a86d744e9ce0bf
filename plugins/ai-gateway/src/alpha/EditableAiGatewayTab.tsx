import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ResourceTab,
  findKind,
  isAiGatewayAvailable,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../api/AiGatewayApi';
import { AiGatewayTab } from '../components/ResourceTab';
import { ProblemsBanner } from '../components/Problems';
import {
  CreateButton,
  RowActions,
  SecretsSection,
} from '../components/editors';
import { AiGatewayQueryProvider } from '../query/AiGatewayQueryProvider';

/**
 * An entity tab with the editors plugged into its slots: Create per kind, Edit / Delete per row and in the
 * detail drawer (gated by the caller's permissions), above the tables the problems of the tab's kinds, and on
 * the Backends tab the write-only Secrets section.
 */
export function EditableAiGatewayTab(props: { tab: ResourceTab }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const target = { scope: 'entity' as const, entityRef };
  const actions = (item: ResourceRow) => (
    <RowActions target={target} item={item} descriptor={findKind(item.kind)} />
  );
  const annotated = isAiGatewayAvailable(entity);
  return (
    <AiGatewayQueryProvider>
      {annotated && <ProblemsBanner entityRef={entityRef} tab={props.tab} />}
      <AiGatewayTab
        tab={props.tab}
        renderToolbar={d => <CreateButton target={target} descriptor={d} />}
        renderRowActions={actions}
        renderDrawerActions={actions}
      />
      {props.tab === 'backends' && annotated && (
        <SecretsSection entityRef={entityRef} />
      )}
    </AiGatewayQueryProvider>
  );
}
