import { ReactNode } from 'react';
import { EditablePlatformOverview } from '../editors/EditablePlatformOverview';
import { PlatformTopology } from '../Topology/ConnectedTopology';
import { PlatformUsage } from '../Usage/ConnectedUsage';

/** A tab of the standalone AI Gateway page. */
export interface AiGatewayPageSection {
  id: string;
  title: string;
  render: () => ReactNode;
}

/** The page's tabs, in order. Usage / other views add a section here. */
export const defaultPageSections: AiGatewayPageSection[] = [
  { id: 'overview', title: 'Overview', render: () => <EditablePlatformOverview /> },
  { id: 'topology', title: 'Topology', render: () => <PlatformTopology /> },
  { id: 'usage', title: 'Usage', render: () => <PlatformUsage /> },
];
