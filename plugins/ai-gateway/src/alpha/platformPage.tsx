import {
  AiGatewayPage,
  AiGatewayPageSection,
} from '../components/AiGatewayPage';
import { PlatformTopology } from '../components/Topology';
import { PlatformUsage } from '../components/Usage';
import { EditablePlatformOverview } from './EditablePlatformOverview';

/** The page's tabs, in order: the overview with its editors, the live topology and the usage charts. */
export const defaultPageSections: AiGatewayPageSection[] = [
  {
    id: 'overview',
    title: 'Overview',
    render: () => <EditablePlatformOverview />,
  },
  { id: 'topology', title: 'Topology', render: () => <PlatformTopology /> },
  { id: 'usage', title: 'Usage', render: () => <PlatformUsage /> },
];

/** The standalone page as the plugin mounts it (`/ai-gateway`). */
export function AiGatewayPlatformPage(props: {
  sections?: AiGatewayPageSection[];
}) {
  return <AiGatewayPage sections={props.sections ?? defaultPageSections} />;
}
