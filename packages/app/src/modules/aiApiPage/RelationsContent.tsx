import Grid from '@material-ui/core/Grid';
import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCatalogGraphCard } from '@backstage/plugin-catalog-graph';
import {
  ConsumingComponentsCard,
  ProvidingComponentsCard,
} from '@backstage/plugin-api-docs';

/**
 * The relation cards the overview of an AI API leaves out: the catalog graph (the same card as on other entities'
 * overviews) and the components providing / consuming the API (api-docs' cards).
 */
export function RelationsContent() {
  return compatWrapper(
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <EntityCatalogGraphCard height={400} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ProvidingComponentsCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <ConsumingComponentsCard />
      </Grid>
    </Grid>,
  );
}
