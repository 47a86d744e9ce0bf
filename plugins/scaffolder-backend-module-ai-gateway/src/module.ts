import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAiGatewayCaller } from './client';
import { createRequestAccessAction } from './actions/requestAccess';
import { createCreateBackendAction } from './actions/createBackend';

/**
 * Scaffolder module `ai-gateway`: the template actions `ai-gateway:request-access` and `ai-gateway:create-backend`.
 * Both call the AI Gateway backend plugin over HTTP as the user running the template.
 */
export const scaffolderModuleAiGateway = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ai-gateway',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        const caller = createAiGatewayCaller({ discovery, auth });
        scaffolder.addActions(
          createRequestAccessAction({ caller }),
          createCreateBackendAction({ caller }),
        );
      },
    });
  },
});
