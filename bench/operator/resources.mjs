// The pools and routes the bench applies: keyless in-cluster endpoints (nothing is called; the
// bench measures distribution, not requests).
export const ENDPOINTS = ['a', 'b'];

export function pool(name) {
  const endpoint = (id) => ({
    name: id, provider: 'openai', baseURL: `http://127.0.0.1:9/${name}/${id}/v1`, inCluster: true,
    models: [{ name: 'gpt-4o-mini', capabilities: { contextWindowTokens: 128000 }, pricing: { inputPerMillion: '0.15', outputPerMillion: '0.6' } }],
  });
  return { kind: 'ProviderPool', metadata: { name }, spec: { endpoints: ENDPOINTS.map(endpoint) } };
}

export function route(name, poolName, endpoint) {
  return {
    kind: 'ModelRoute', metadata: { name },
    spec: { match: { models: [name] }, targets: [{ name: 'main', pool: poolName, endpoint, model: 'gpt-4o-mini' }] },
  };
}
