import { Grid } from '@material-ui/core';
import { Content, Header, Page } from '@backstage/core-components';
import { HomePageSearchBar } from '@backstage/plugin-search';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { AiApiListCard } from '@ai-gateway-backstage/plugin-ai-gateway';

/** Widgets shown beside the AI APIs card (the others need outside services, e.g. the random joke). */
const WIDGETS = ['HomePageStarredEntities'];

/** The home page at `/`: search, the AI APIs of the gateway, starred entities. */
export function HomeLayout({ widgets }: HomePageLayoutProps) {
  return (
    <Page themeId="home">
      <Header
        title="Find an AI API"
        subtitle="LLM, MCP and A2A endpoints of the AI gateway, from the catalog"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <HomePageSearchBar placeholder="Search APIs, tools (create_issue) or models (gpt-4.1)" />
          </Grid>
          <Grid item xs={12} md={8}>
            <AiApiListCard />
          </Grid>
          <Grid item xs={12} md={4}>
            {widgets
              .filter(w => w.name && WIDGETS.includes(w.name))
              .map(w => (
                <div key={w.name}>{w.component}</div>
              ))}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
