import {
  AiGatewayPage,
  AiGatewayPageSection,
} from '../components/AiGatewayPage';
import { PlatformTopology } from '../components/Topology';
import { PlatformUsage } from '../components/Usage';
import { EditablePlatformOverview } from './EditablePlatformOverview';
import { AccessInbox } from '../components/Access';

/** The page's tabs, in order: the overview with its editors, the live topology, the usage charts and the inbox of access requests. */
export const defaultPageSections: AiGatewayPageSection[] = [
  {
    id: 'overview',
    title: 'Overview',
    render: () => <EditablePlatformOverview />,
  },
  { id: 'topology', title: 'Topology', render: () => <PlatformTopology /> },
  { id: 'usage', title: 'Usage', render: () => <PlatformUsage /> },
  {
    id: 'access-requests',
    title: 'Access requests',
    render: () => <AccessInbox />,
  },
];

/** The standalone page as the plugin mounts it (`/ai-gateway`). */
export function AiGatewayPlatformPage(props: {
  sections?: AiGatewayPageSection[];
}) {
  return <AiGatewayPage sections={props.sections ?? defaultPageSections} />;
}
