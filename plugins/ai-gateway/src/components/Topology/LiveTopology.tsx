import { useState } from 'react';
import Alert from '@mui/material/Alert';
import { Progress } from '@backstage/core-components';
import { useQuery } from '@tanstack/react-query';
import {
  MetricsWindow,
  TopologyNode,
  TopologyResponse,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayQueryProvider } from '../../query/AiGatewayQueryProvider';
import { describeApiError } from '../../api/errors';
import { TopologyView } from './TopologyView';

export interface LiveTopologyProps {
  /** loads the topology for a window (the API client's getTopology, bound to a scope) */
  load: (
    window: MetricsWindow,
    options?: { signal?: AbortSignal },
  ) => Promise<TopologyResponse>;
  /** identifies the scope in the query cache, e.g. `['platform']` or `['entity', entityRef]` */
  scopeKey: readonly string[];
  initialWindow?: MetricsWindow;
  /** auto-refresh interval (default 15 s) */
  refreshMs?: number;
  linkFor?: (node: TopologyNode) => string | undefined;
  height?: number | string;
}

function Live(props: LiveTopologyProps) {
  const [window, setWindow] = useState<MetricsWindow>(
    props.initialWindow ?? '5m',
  );
  const query = useQuery({
    queryKey: ['ai-gateway', 'topology', ...props.scopeKey, window],
    queryFn: ({ signal }) => props.load(window, { signal }),
    refetchInterval: props.refreshMs ?? 15_000,
    placeholderData: previous => previous,
  });
  if (query.isPending) return <Progress />;
  if (query.isError && !query.data) {
    return (
      <Alert severity="error">
        Could not load the topology: {describeApiError(query.error).message}
      </Alert>
    );
  }
  return (
    <TopologyView
      data={query.data!}
      window={window}
      onWindowChange={setWindow}
      refreshing={query.isFetching}
      linkFor={props.linkFor}
      height={props.height}
    />
  );
}

/** The topology with data: loads per window and refreshes on an interval (react-query). */
export function LiveTopology(props: LiveTopologyProps) {
  return (
    <AiGatewayQueryProvider>
      <Live {...props} />
    </AiGatewayQueryProvider>
  );
}
