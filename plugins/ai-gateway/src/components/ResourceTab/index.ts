export { AiGatewayTab } from './AiGatewayTab';
export type { AiGatewayTabProps } from './AiGatewayTab';
export { ResourceSections } from './ResourceSections';
export type { ResourceSlots, ResourceSectionsProps } from './ResourceSections';
export { ResourceTable, VIRTUALIZE_ABOVE } from './ResourceTable';
export type { ResourceTableProps } from './ResourceTable';
export { ResourceDrawer } from './ResourceDrawer';
export { StatusChip, StatusChips } from './StatusChips';
export {
  ClusterWarnings,
  MissingAnnotationState,
  TabErrorState,
} from './TabStates';
