import type {
  ResourceItem,
  SecretInput,
} from '@ai-gateway-backstage/plugin-ai-gateway-common';
import type { AiGatewayApi } from '../api/AiGatewayApi';
import { statusOf } from '../api/errors';

/**
 * Writes the keys a form collected for a Secret the object references: rotates only those keys of an
 * existing Secret (`patchSecret`, the others keep their values); creates the Secret when the entity has
 * none of that name yet (the patch answers 404).
 */
export async function rotateKeys(
  api: Pick<AiGatewayApi, 'patchSecret' | 'putSecret'>,
  entityRef: string,
  secret: SecretInput,
): Promise<{ item: ResourceItem }> {
  try {
    return await api.patchSecret(entityRef, secret.name, secret.stringData);
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
    return api.putSecret(entityRef, secret);
  }
}
