import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { AiGatewayApiError } from '@ai-gateway-backstage/plugin-ai-gateway-common';

/** The AI Gateway backend plugin's id: its routes are under `/api/ai-gateway`. */
export const AI_GATEWAY_PLUGIN_ID = 'ai-gateway';

export interface AiGatewayCaller {
  /**
   * Calls the AI Gateway backend plugin as the given user (a plugin-to-plugin token on behalf of their
   * credentials, so the plugin's permission checks apply to that user), never as the scaffolder itself.
   * Throws an `AiGatewayApiError` carrying the plugin's answer (`status`: 400 naming the field, 403, 404, 409,
   * 422 with every invalid field in the message) when it fails.
   */
  call<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T>;
}

export function createAiGatewayCaller(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
}): AiGatewayCaller {
  return {
    async call<T>(
      credentials: BackstageCredentials,
      method: 'GET' | 'POST',
      path: string,
      body?: unknown,
    ): Promise<T> {
      const [baseUrl, { token }] = await Promise.all([
        deps.discovery.getBaseUrl(AI_GATEWAY_PLUGIN_ID),
        deps.auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: AI_GATEWAY_PLUGIN_ID,
        }),
      ]);
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw await callError(response);
      return (await response.json()) as T;
    },
  };
}

/** The plugin's error, with the invalid fields (422) in the message so the template's log names them. */
async function callError(response: Response): Promise<AiGatewayApiError> {
  const error = await AiGatewayApiError.fromResponse(response);
  if (!error.causes.length) return error;
  return new AiGatewayApiError({
    status: error.status,
    name: error.name,
    message: `${error.message}: ${error.causes
      .map(c => `${c.field}: ${c.message}`)
      .join('; ')}`,
    causes: error.causes,
    claimants: error.claimants,
    warnings: error.warnings,
  });
}
