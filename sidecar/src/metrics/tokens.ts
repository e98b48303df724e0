// Tokens per request: switchyard_tokens_total (disjoint kinds that add up to the total) and
// gen_ai_client_token_usage (the GenAI semantic conventions' histogram, under its Prometheus
// name). Cost is the budget module's (switchyard_usage_cost_micro_usd_total, metrics/budget.ts).

import { Counter, Histogram } from 'prom-client';
import type { Usage } from '../openai/index.js';
import { TOKEN_BUCKETS } from './buckets.js';
import { cachedCounter } from './children.js';
import { splitUsage } from './usage-split.js';

type RequestLabels = Readonly<Record<'route' | 'provider' | 'model' | 'use_case', string>>;

const tokensTotal = new Counter({
  name: 'switchyard_tokens_total',
  help: 'Tokens the providers counted, by route, provider, model, use case and type: input (uncached), cached_input, cache_write_input, output; the types add up to the total.',
  labelNames: ['route', 'provider', 'model', 'use_case', 'type'] as const,
});

const tokensOf = cachedCounter(tokensTotal);

const tokenUsage = new Histogram({
  name: 'gen_ai_client_token_usage',
  help: 'GenAI semantic conventions gen_ai.client.token.usage: tokens per request by operation, system, requested model and token type (input includes cached).',
  labelNames: ['gen_ai_operation_name', 'gen_ai_system', 'gen_ai_request_model', 'gen_ai_token_type'] as const,
  buckets: TOKEN_BUCKETS,
});

export function recordUsage(operation: string, labels: RequestLabels, usage: Usage): void {
  const tokens = splitUsage(usage);
  const values = [labels.route, labels.provider, labels.model, labels.use_case];
  tokensOf([...values, 'input']).inc(tokens.input);
  tokensOf([...values, 'cached_input']).inc(tokens.cachedInput);
  tokensOf([...values, 'cache_write_input']).inc(tokens.cacheWriteInput);
  tokensOf([...values, 'output']).inc(tokens.output);
  const genAi = { gen_ai_operation_name: operation, gen_ai_system: labels.provider, gen_ai_request_model: labels.model };
  tokenUsage.observe({ ...genAi, gen_ai_token_type: 'input' }, tokens.input + tokens.cachedInput + tokens.cacheWriteInput);
  tokenUsage.observe({ ...genAi, gen_ai_token_type: 'output' }, tokens.output);
}
