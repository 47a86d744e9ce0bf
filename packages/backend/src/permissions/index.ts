import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AiGatewayExamplePolicy } from '@ai-gateway-backstage/plugin-ai-gateway-node/example-policy';

export {
  AiGatewayExamplePolicy,
  DEFAULT_PLATFORM_GROUP,
} from '@ai-gateway-backstage/plugin-ai-gateway-node/example-policy';

/**
 * Installs the AI Gateway example policy ({@link AiGatewayExamplePolicy}, its rules in
 * `@ai-gateway-backstage/plugin-ai-gateway-node/example-policy`) as the permission policy of this backend, with the
 * platform group from `aiGateway.examplePolicy.platformGroup`.
 */
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
