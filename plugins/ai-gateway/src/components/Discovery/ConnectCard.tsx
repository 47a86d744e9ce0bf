import { useMemo } from 'react';
import { InfoCard } from '@backstage/core-components';
import { connectSnippets, type ConnectTarget } from './connectSnippets';
import { SnippetTabs } from './SnippetTabs';

export interface ConnectCardProps {
  target: ConnectTarget;
}

/** Copy-ready client setup for the gateway URL, one tab per client; the credential stays a placeholder. */
export function ConnectCard({ target }: ConnectCardProps) {
  const snippets = useMemo(() => connectSnippets(target), [target]);
  return (
    <InfoCard title="Connect" subheader={`Gateway URL: ${target.url}`}>
      <SnippetTabs snippets={snippets} testIdPrefix="connect-snippet" />
    </InfoCard>
  );
}
