import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/* Configuration read by the catalog module of the AI Gateway plugins. */
export interface Config {
  aiGateway?: {
    catalog?: {
      /** Emit API / Resource entities for the gateways' endpoints (default true; false removes them). */
      enabled?: boolean;
      /** How often the full refresh runs (one replica at a time). Default: every 5 minutes, 2 minute timeout. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
