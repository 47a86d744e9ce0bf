import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AiGatewayExamplePolicy } from './policy';

export { AiGatewayExamplePolicy, DEFAULT_PLATFORM_GROUP } from './policy';

/** Installs {@link AiGatewayExamplePolicy} as the permission policy of this backend. */
export const aiGatewayExamplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ai-gateway-example-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        policy.setPolicy(
          new AiGatewayExamplePolicy({
            userInfo,
            platformGroup: config.getOptionalString(
              'aiGateway.examplePolicy.platformGroup',
            ),
          }),
        );
      },
    });
  },
});

export default aiGatewayExamplePolicyModule;
