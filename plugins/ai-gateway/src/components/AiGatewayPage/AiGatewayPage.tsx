import { useState } from 'react';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { Content, Header, Page } from '@backstage/core-components';
import { AiGatewayQueryProvider } from '../../query/AiGatewayQueryProvider';
import type { AiGatewayPageSection } from './sections';

export interface AiGatewayPageProps {
  /** the page's tabs (the plugin mounts it with Overview, Topology and Usage) */
  sections: AiGatewayPageSection[];
}

/** The standalone page's frame: a header and one tab per section. */
export function AiGatewayPage(props: AiGatewayPageProps) {
  const { sections } = props;
  const [current, setCurrent] = useState(sections[0]?.id);
  const section = sections.find(s => s.id === current) ?? sections[0];
  return (
    <Page themeId="tool">
      <Header
        title="AI Gateway"
        subtitle="agentgateway: gateways, LLM / MCP / A2A backends, routes and policies"
      />
      <Content>
        <AiGatewayQueryProvider>
          <Tabs
            value={section?.id}
            onChange={(_, v) => setCurrent(v)}
            aria-label="AI Gateway sections"
            sx={{ mb: 2 }}
          >
            {sections.map(s => (
              <Tab
                key={s.id}
                value={s.id}
                label={s.title}
                id={`ai-gateway-tab-${s.id}`}
                aria-controls={`ai-gateway-panel-${s.id}`}
              />
            ))}
          </Tabs>
          {section && (
            <Box
              role="tabpanel"
              id={`ai-gateway-panel-${section.id}`}
              aria-labelledby={`ai-gateway-tab-${section.id}`}
            >
              {section.render()}
            </Box>
          )}
        </AiGatewayQueryProvider>
      </Content>
    </Page>
  );
}
