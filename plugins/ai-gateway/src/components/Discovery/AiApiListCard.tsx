import { useEffect, useState } from 'react';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { AI_API_TYPES } from './aiApi';

const TYPE_LABEL: Record<string, string> = {
  llm: 'LLM',
  'mcp-server': 'MCP',
  a2a: 'A2A',
};

/** The AI APIs (LLM, MCP, A2A) the gateway exposes, from the catalog: a home page card for finding them. */
export function AiApiListCard({ limit = 50 }: { limit?: number }) {
  const catalogApi = useApi(catalogApiRef);
  const [state, setState] = useState<{
    entities?: Entity[];
    total?: number;
    error?: Error;
  }>({});
  useEffect(() => {
    let cancelled = false;
    catalogApi
      .queryEntities({
        filter: { kind: 'API', 'spec.type': AI_API_TYPES },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.description',
          'spec.type',
        ],
        orderFields: { field: 'metadata.name', order: 'asc' },
        limit,
      })
      .then(
        r => !cancelled && setState({ entities: r.items, total: r.totalItems }),
        (error: Error) => !cancelled && setState({ error }),
      );
    return () => {
      cancelled = true;
    };
  }, [catalogApi, limit]);
  const { entities, total, error } = state;
  return (
    <InfoCard
      title="AI APIs"
      subheader="LLM, MCP and A2A endpoints of the AI gateway"
      deepLink={{ title: 'All APIs', link: '/api-docs' }}
    >
      {error && (
        <WarningPanel
          title="Could not load the AI APIs"
          message={error.message}
        />
      )}
      {!entities && !error && <Progress />}
      {entities && entities.length === 0 && 'No AI APIs in the catalog yet.'}
      {entities && entities.length > 0 && (
        <List dense aria-label="AI APIs">
          {entities.map(e => (
            <ListItem key={e.metadata.name} disableGutters>
              <Chip
                size="small"
                label={TYPE_LABEL[String(e.spec?.type)] ?? String(e.spec?.type)}
                sx={{ mr: 1, minWidth: 48 }}
              />
              <ListItemText
                primary={
                  <EntityRefLink entityRef={e} title={e.metadata.title} />
                }
                secondary={e.metadata.description}
              />
            </ListItem>
          ))}
        </List>
      )}
      {total !== undefined &&
        entities &&
        total > entities.length &&
        `${total - entities.length} more in the API explorer.`}
    </InfoCard>
  );
}
