import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { readAiApi, connectTarget } from './aiApi';
import { ConnectCard } from './ConnectCard';
import { McpServerCard } from './McpServerCard';
import { LlmApiCard } from './LlmApiCard';
import { A2aAgentCard } from './A2aAgentCard';

/** What the gateway knows about an AI API entity: tools (mcp-server), models and policies (llm), agent card (a2a). */
export function AiApiDetails({ entity }: { entity: Entity }) {
  const api = useMemo(() => readAiApi(entity), [entity]);
  if (!api) return <Alert severity="info">Not an AI gateway API entity.</Alert>;
  if (api.type === 'mcp-server' && api.mcp)
    return (
      <McpServerCard
        definition={api.mcp}
        source={{
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
        }}
      />
    );
  if (api.type === 'llm' && api.llm) return <LlmApiCard extension={api.llm} />;
  if (api.type === 'a2a' && api.a2a)
    return <A2aAgentCard definition={api.a2a} />;
  return (
    <Alert severity="warning">
      The API definition could not be read
      {api.definitionError ? `: ${api.definitionError}` : ''}.
    </Alert>
  );
}

/** Copy-ready client setup for an AI API entity. */
export function AiApiConnect({ entity }: { entity: Entity }) {
  const target = useMemo(() => {
    const api = readAiApi(entity);
    return api ? connectTarget(api) : undefined;
  }, [entity]);
  if (!target || !target.url) return null;
  return <ConnectCard target={target} />;
}

/** Entity page card (inside an EntityProvider): the AI API details. */
export function EntityAiApiDetailsCard() {
  const { entity } = useEntity();
  return <AiApiDetails entity={entity} />;
}

/** Entity page card (inside an EntityProvider): the Connect card. */
export function EntityAiApiConnectCard() {
  const { entity } = useEntity();
  return <AiApiConnect entity={entity} />;
}
