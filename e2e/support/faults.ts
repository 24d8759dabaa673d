/**
 * What the real world does to both APIs, as sandbox fault rules (each rule rolls on its own; the first failing one
 * decides, latency adds up): writes that commit and then fail (1%), connection resets (1%), throttling (10%), server
 * errors (5%) and slow answers (5%, 600 ms); webhooks and BC notifications dropped (3%).
 */
export function realWorldFaults(rate429 = { bigcommerce: 0.1, 'business-central': 0.1 }): Array<Record<string, unknown>> {
  const perSystem = (system: 'bigcommerce' | 'business-central') => [
    ...['POST', 'PATCH', 'PUT', 'DELETE'].map((method) => ({ system, method, afterCommit: true, status: 500, rate: 0.01 })),
    { system, reset: true, rate: 0.01 },
    { system, status: 429, rate: rate429[system] },
    { system, status: 503, rate: 0.03 },
    { system, status: 500, rate: 0.02 },
    { system, latencyMs: 600, rate: 0.05 },
  ];
  return [
    ...perSystem('bigcommerce'),
    ...perSystem('business-central'),
    { system: 'bigcommerce-webhooks', drop: true, rate: 0.03 },
    { system: 'business-central-notifications', drop: true, rate: 0.03 },
  ];
}
