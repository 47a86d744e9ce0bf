import { createRouteRef } from '@backstage/core-plugin-api';

/** The standalone page (`/ai-gateway` in the app). */
export const rootRouteRef = createRouteRef({ id: 'ai-gateway' });
