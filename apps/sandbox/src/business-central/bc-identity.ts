/** The simulated tenant, environment, company and Entra app registration (defaults documented in the README). */
export const BC_DEFAULTS = {
  tenantId: '00000000-0000-0000-0000-000000000001',
  environment: 'sandbox',
  clientId: 'sandbox-client',
  clientSecret: 'sandbox-bc-secret',
  companyId: '5a3a1c2e-7b1d-4c1f-9f0e-2d4c6b8a0c01',
  companyName: 'CRONUS USA, Inc.',
  /** The service principal's user id in BC (subscriptions' `userId`, `systemCreatedBy`). */
  userId: '3c2b1a09-8f7e-4d6c-b5a4-93827160fedc',
  localCurrency: 'USD',
  resource: 'https://api.businesscentral.dynamics.com',
} as const;

export interface EntraClient {
  readonly clientId: string;
  readonly secret: string;
  readonly tenantId: string;
}
