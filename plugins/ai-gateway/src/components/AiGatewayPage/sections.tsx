import { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import { PlatformOverview } from './PlatformOverview';

/** A tab of the standalone AI Gateway page. */
export interface AiGatewayPageSection {
  id: string;
  title: string;
  render: () => ReactNode;
}

/**
 * TOPOLOGY SLOT. The topology view (src/components/Topology/) replaces this placeholder:
 * render it here, e.g. `return <TopologyView />;`.
 */
export function TopologySlot() {
  return (
    <Alert severity="info" role="status">
      The topology view (Gateways, routes, backends and policies as a live graph) is not installed yet.
    </Alert>
  );
}

/** The page's tabs, in order. Usage / other views add a section here. */
export const defaultPageSections: AiGatewayPageSection[] = [
  { id: 'overview', title: 'Overview', render: () => <PlatformOverview /> },
  { id: 'topology', title: 'Topology', render: () => <TopologySlot /> },
];
