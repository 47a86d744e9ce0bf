import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { createAuthStrategy } from './auth';

let mockIndexLoads = 0;
jest.mock('@backstage/plugin-kubernetes-backend', () => {
  mockIndexLoads++;
  return jest.requireActual('@backstage/plugin-kubernetes-backend');
});

describe('createAuthStrategy', () => {
  it('loads the cloud strategies (the package index) only when a cluster uses one', () => {
    const strategy = createAuthStrategy(
      new ConfigReader({}),
      mockServices.logger.mock(),
    );
    expect(
      strategy.validateCluster({
        'kubernetes.io/auth-provider': 'serviceAccount',
        serviceAccountToken: 't',
      }),
    ).toEqual([]);
    expect(
      strategy.validateCluster({
        'kubernetes.io/auth-provider': 'localKubectlProxy',
      }),
    ).toEqual([]);
    expect(mockIndexLoads).toBe(0);
    expect(
      strategy.validateCluster({ 'kubernetes.io/auth-provider': 'aws' }),
    ).toEqual([]);
    expect(mockIndexLoads).toBe(1);
    // an unknown provider is the dispatcher's validation error, as before
    expect(
      strategy
        .validateCluster({ 'kubernetes.io/auth-provider': 'nope' })
        .map(e => e.message)
        .join(),
    ).toMatch(/nope/);
  });
});
