import { ReactNode, useContext } from 'react';
import {
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
} from '@tanstack/react-query';

import { statusOf } from '../api/errors';

export { aiGatewayQueryKeys } from './keys';

function isClientError(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500;
}

export function createAiGatewayQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // 4xx answers (not annotated, not allowed, not found) do not get better by retrying
        retry: (count, error) => !isClientError(error) && count < 2,
      },
    },
  });
}

let shared: QueryClient | undefined;

/**
 * Gives the plugin's components a react-query client: the app's own if it provides one, otherwise one
 * shared by all AI Gateway tabs and pages (so switching tabs reuses fresh data).
 */
export function AiGatewayQueryProvider(props: {
  children: ReactNode;
  client?: QueryClient;
}) {
  const outer = useContext(QueryClientContext);
  if (outer && !props.client) return <>{props.children}</>;
  const client = props.client ?? (shared ??= createAiGatewayQueryClient());
  return (
    <QueryClientProvider client={client}>{props.children}</QueryClientProvider>
  );
}
