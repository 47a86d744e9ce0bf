import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import type { A2aApiDefinition } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PolicyList } from './PolicyList';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The skills of an agent card (`skills: [{ id, name, description }]`). */
function skillsOf(card: Record<string, unknown>) {
  if (!Array.isArray(card.skills)) return [];
  return card.skills.flatMap((s: unknown) => {
    if (typeof s !== 'object' || s === null) return [];
    const entries = Object.fromEntries(Object.entries(s));
    const name = text(entries.name) ?? text(entries.id);
    return name ? [{ name, description: text(entries.description) }] : [];
  });
}

/** An A2A agent: its card (name, description, version, skills) and where it serves the full card. */
export function A2aAgentCard({ definition }: { definition: A2aApiDefinition }) {
  const card = definition.agentCard;
  const skills = skillsOf(card);
  return (
    <InfoCard title="A2A agent" subheader={definition.url}>
      <Typography variant="h6">
        {text(card.name) ?? 'Agent'}
        {text(card.version) ? ` ${text(card.version)}` : ''}
      </Typography>
      {text(card.description) && (
        <Typography variant="body2" gutterBottom>
          {text(card.description)}
        </Typography>
      )}
      <Typography variant="body2">
        Agent card:{' '}
        <Link to={definition.agentCardUrl}>{definition.agentCardUrl}</Link>
      </Typography>
      {skills.length > 0 && (
        <List dense aria-label="Skills">
          {skills.map(s => (
            <ListItem key={s.name} disableGutters>
              <ListItemText primary={s.name} secondary={s.description} />
            </ListItem>
          ))}
        </List>
      )}
      <Box mt={2}>
        <PolicyList auth={definition.auth} policies={definition.policies} />
      </Box>
    </InfoCard>
  );
}
