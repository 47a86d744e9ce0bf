import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { CodeSnippet, InfoCard } from '@backstage/core-components';
import { connectSnippets, type ConnectTarget } from './connectSnippets';

export interface ConnectCardProps {
  target: ConnectTarget;
}

/** Copy-ready client setup for the gateway URL, one tab per client; the credential stays a placeholder. */
export function ConnectCard({ target }: ConnectCardProps) {
  const snippets = useMemo(() => connectSnippets(target), [target]);
  const [selected, setSelected] = useState(0);
  const snippet = snippets[Math.min(selected, snippets.length - 1)];
  return (
    <InfoCard title="Connect" subheader={`Gateway URL: ${target.url}`}>
      <Tabs
        value={selected}
        onChange={(_, value: number) => setSelected(value)}
        variant="scrollable"
        aria-label="Client"
      >
        {snippets.map(s => (
          <Tab key={s.id} label={s.label} />
        ))}
      </Tabs>
      <Box mt={2} data-testid={`connect-snippet-${snippet.id}`}>
        {snippet.file && (
          <Typography variant="body2" gutterBottom>
            Add to <code>{snippet.file}</code>:
          </Typography>
        )}
        <CodeSnippet
          text={snippet.code}
          language={snippet.language}
          showCopyCodeButton
        />
        {snippet.note && (
          <Typography variant="caption" color="text.secondary">
            {snippet.note}
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}
