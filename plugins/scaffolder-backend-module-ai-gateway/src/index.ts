/**
 * Scaffolder module of the AI Gateway plugins: template actions `ai-gateway:request-access` and
 * `ai-gateway:create-backend`, calling the AI Gateway backend plugin as the user who runs the template.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAiGateway as default } from './module';
export { createRequestAccessAction } from './actions/requestAccess';
export { createCreateBackendAction, entityPath } from './actions/createBackend';
export {
  createAiGatewayCaller,
  AI_GATEWAY_PLUGIN_ID,
  type AiGatewayCaller,
} from './client';
