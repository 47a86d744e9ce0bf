import { ReactNode } from 'react';

/** A tab of the standalone AI Gateway page (the composition in `src/alpha/platformPage.tsx` lists them). */
export interface AiGatewayPageSection {
  id: string;
  title: string;
  render: () => ReactNode;
}
