import { useState } from 'react';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { CodeSnippet } from '@backstage/core-components';
import type { ConnectSnippet } from './connectSnippets';

/**
 * One tab per client (Claude Desktop, Cursor, VS Code, OpenAI SDKs, ...) with its copy-ready setup: the Connect card
 * (credential as a placeholder) and the key dialog (the key pasted in) show the same snippets this way.
 */
export function SnippetTabs(props: {
  snippets: ConnectSnippet[];
  /** `data-testid` of the shown snippet: `<testIdPrefix>-<snippet id>` */
  testIdPrefix: string;
}) {
  const { snippets, testIdPrefix } = props;
  const [selected, setSelected] = useState(0);
  const snippet = snippets[Math.min(selected, snippets.length - 1)];
  return (
    <>
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
      <Box mt={1} data-testid={`${testIdPrefix}-${snippet.id}`}>
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
    </>
  );
}
