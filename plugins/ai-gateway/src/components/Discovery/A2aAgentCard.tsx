import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import type {
  A2aApiDefinition,
  A2aDiscovery,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { PolicyList } from './PolicyList';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const texts = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : 'never');

interface Skill {
  key: string;
  name: string;
  description?: string;
  tags: string[];
  examples: string[];
}

/** The skills of an agent card (`skills: [{ id, name, description, tags, examples }]`). */
function skillsOf(card: Record<string, unknown>): Skill[] {
  if (!Array.isArray(card.skills)) return [];
  return card.skills.flatMap((s: unknown, i: number) => {
    if (typeof s !== 'object' || s === null) return [];
    const entries = Object.fromEntries(Object.entries(s));
    const name = text(entries.name) ?? text(entries.id);
    if (!name) return [];
    return [
      {
        key: `${text(entries.id) ?? name}-${i}`,
        name,
        description: text(entries.description),
        tags: texts(entries.tags),
        examples: texts(entries.examples),
      },
    ];
  });
}

/** Whether the card was read from the agent, and when and why the last read failed. */
function CardStatus({ discovery }: { discovery?: A2aDiscovery }) {
  if (!discovery) return null;
  if (discovery.status === 'failed')
    return (
      <Alert severity="warning" role="status">
        Reading the agent card failed at {when(discovery.error?.at)}:{' '}
        {discovery.error?.message ?? 'unknown error'}.{' '}
        {discovery.discoveredAt
          ? `Showing the card last read ${when(discovery.discoveredAt)}.`
          : 'Skills are unknown until the agent answers.'}
      </Alert>
    );
  if (discovery.status === 'pending')
    return (
      <Alert severity="info" role="status">
        The agent card has not been read yet: skills are unknown.
      </Alert>
    );
  return (
    <Alert severity="success" role="status">
      Agent card read {when(discovery.discoveredAt)}.
    </Alert>
  );
}

/** An A2A agent: its card (name, description, version, skills with tags and examples) and where it serves it. */
export function A2aAgentCard({ definition }: { definition: A2aApiDefinition }) {
  const card = definition.agentCard;
  const skills = skillsOf(card);
  return (
    <InfoCard title="A2A agent" subheader={definition.url}>
      <CardStatus discovery={definition.discovery} />
      <Typography variant="h6" mt={definition.discovery ? 1 : 0}>
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
        <>
          <Typography variant="subtitle2" mt={2}>
            Skills ({skills.length})
          </Typography>
          <List dense aria-label="Skills">
            {skills.map(s => (
              <ListItem key={s.key} disableGutters alignItems="flex-start">
                <ListItemText
                  primary={s.name}
                  secondaryTypographyProps={{ component: 'div' }}
                  secondary={
                    <>
                      {s.description && <div>{s.description}</div>}
                      {s.tags.length > 0 && (
                        <Box mt={0.5} display="flex" gap={0.5} flexWrap="wrap">
                          {s.tags.map(t => (
                            <Chip key={t} label={t} size="small" />
                          ))}
                        </Box>
                      )}
                      {s.examples.length > 0 && (
                        <div>
                          e.g. {s.examples.map(e => `“${e}”`).join(', ')}
                        </div>
                      )}
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
      <Box mt={2}>
        <PolicyList auth={definition.auth} policies={definition.policies} />
      </Box>
    </InfoCard>
  );
}
