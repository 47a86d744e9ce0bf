import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { UsageMetric } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { EntityUsageCard } from './ConnectedUsage';

/**
 * The entity's usage charts under a collapsed accordion (Routes / Backends tabs): nothing is loaded until it
 * is opened, so the tab itself stays one request.
 */
export function EntityUsageAccordion(props: {
  title: string;
  metrics?: UsageMetric[];
}) {
  return (
    <Accordion
      TransitionProps={{ unmountOnExit: true }}
      variant="outlined"
      sx={{ mt: 2 }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle1">{props.title}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <EntityUsageCard title="Over time" metrics={props.metrics} />
      </AccordionDetails>
    </Accordion>
  );
}
