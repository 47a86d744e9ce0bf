import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { DISCOVERY_EVENT_TOPIC } from '@ai-gateway-backstage/plugin-ai-gateway-common';
import { AiGatewayDiscoveryProcessor } from './AiGatewayDiscoveryProcessor';
import {
  AiGatewayEntityProvider,
  httpSnapshotReader,
} from './AiGatewayEntityProvider';

/**
 * Catalog module `ai-gateway`: the API / Resource entities of the AI gateway (an entity provider fed by the
 * AI Gateway backend plugin's discovery snapshot) and the processor relating them to their components.
 */
export const catalogModuleAiGateway = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ai-gateway',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        events,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'aiGateway.catalog.schedule',
        );
        const provider = new AiGatewayEntityProvider({
          read: httpSnapshotReader({ discovery, auth }),
          logger,
          enabled:
            config.getOptionalBoolean('aiGateway.catalog.enabled') ?? true,
          // a scheduled task runs on one replica at a time
          taskRunner: scheduler.createScheduledTaskRunner(
            scheduleConfig
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  scheduleConfig,
                )
              : {
                  frequency: { minutes: 5 },
                  timeout: { minutes: 2 },
                  initialDelay: { seconds: 5 },
                },
          ),
        });
        catalog.addEntityProvider(provider);
        catalog.addProcessor(new AiGatewayDiscoveryProcessor());
        await events.subscribe({
          id: 'ai-gateway-discovery',
          topics: [DISCOVERY_EVENT_TOPIC],
          onEvent: async () => {
            try {
              await provider.onChange();
            } catch (e) {
              logger.warn(`ai-gateway discovery: delta update failed: ${e}`);
            }
          },
        });
      },
    });
  },
});
