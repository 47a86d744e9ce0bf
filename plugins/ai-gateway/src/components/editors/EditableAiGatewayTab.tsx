import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ResourceTab,
  findKind,
  isAiGatewayAvailable,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayTab } from '../ResourceTab/AiGatewayTab';
import { AiGatewayQueryProvider } from '../../query/AiGatewayQueryProvider';
import { CreateButton, RowActions } from './EditorActions';
import { SecretsSection } from './SecretsSection';
import { ProblemsBanner } from '../Problems/ProblemsBanner';

/**
 * An entity tab with the editors plugged into its slots: Create per kind, Edit / Delete per row and in the
 * detail drawer (gated by the caller's capabilities), above the tables the problems of the tab's kinds, and on
 * the Backends tab the write-only Secrets section.
 */
export function EditableAiGatewayTab(props: { tab: ResourceTab }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const target = { scope: 'entity' as const, entityRef };
  return (
    <>
      {isAiGatewayAvailable(entity) && (
        <AiGatewayQueryProvider>
          <ProblemsBanner entityRef={entityRef} tab={props.tab} />
        </AiGatewayQueryProvider>
      )}
      <AiGatewayTab
        tab={props.tab}
        renderToolbar={d => <CreateButton target={target} descriptor={d} />}
        renderRowActions={item => (
          <RowActions
            target={target}
            item={item}
            descriptor={findKind(item.kind)}
          />
        )}
        renderDrawerActions={item => (
          <RowActions
            target={target}
            item={item}
            descriptor={findKind(item.kind)}
          />
        )}
      />
      {props.tab === 'backends' && isAiGatewayAvailable(entity) && (
        <AiGatewayQueryProvider>
          <SecretsSection entityRef={entityRef} />
        </AiGatewayQueryProvider>
      )}
    </>
  );
}
