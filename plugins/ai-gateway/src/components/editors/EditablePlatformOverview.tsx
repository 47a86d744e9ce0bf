import { findKind } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PlatformOverview } from '../AiGatewayPage/PlatformOverview';
import { CreateButton, RowActions } from './EditorActions';

const target = { scope: 'platform' as const };

/** The platform overview with Create / Edit / Delete of Gateways and AgentgatewayParameters (platform-manage permission). */
export function EditablePlatformOverview() {
  return (
    <PlatformOverview
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
  );
}
