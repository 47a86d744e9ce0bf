import { findKind } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { ResourceRow } from '../api/AiGatewayApi';
import { PlatformOverview } from '../components/AiGatewayPage';
import { CreateButton, RowActions } from '../components/editors';

const target = { scope: 'platform' as const };
const actions = (item: ResourceRow) => (
  <RowActions target={target} item={item} descriptor={findKind(item.kind)} />
);

/** The platform overview with Create / Edit / Delete of Gateways and AgentgatewayParameters (platform-manage permission). */
export function EditablePlatformOverview() {
  return (
    <PlatformOverview
      renderToolbar={d => <CreateButton target={target} descriptor={d} />}
      renderRowActions={actions}
      renderDrawerActions={actions}
    />
  );
}
