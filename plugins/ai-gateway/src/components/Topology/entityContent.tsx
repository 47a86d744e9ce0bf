import Box from '@mui/material/Box';
import { EntityTopology } from './ConnectedTopology';
import { EntityUsageCard } from '../Usage/ConnectedUsage';

/** Entity tab "AI Topology": the entity's live topology and its usage over time. */
export const EntityAiGatewayTopologyContent = () => (
  <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
    <EntityTopology />
    <EntityUsageCard title="Usage" />
  </Box>
);
