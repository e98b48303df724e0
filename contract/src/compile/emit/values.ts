// Conversions from resource values to config values. Inputs have passed the resource schema,
// so the decimal strings parse; a failure here is a bug in that schema, not user error.
import type { BillingWindow, PoolEndpoint, PoolModel } from '../../api/types.js';
import type { BillingWindowConfig } from '../../config/types.js';
import { parseMicroUsd, parseUnitInterval } from '../../decimal.js';

export function microUsd(text: string): number {
  const value = parseMicroUsd(text);
  if (value === null) throw new Error(`unreachable: the resource schema admitted money ${JSON.stringify(text)}`);
  return value;
}

export function unitInterval(text: string): number {
  const value = parseUnitInterval(text);
  if (value === null) throw new Error(`unreachable: the resource schema admitted ratio ${JSON.stringify(text)}`);
  return value;
}

export function billingWindow(window: BillingWindow): BillingWindowConfig {
  return window.period === 'daily' ? { period: 'daily' } : { period: 'monthly', anchorDay: window.anchorDay ?? 1 };
}

/** Azure OpenAI addresses deployments, every other provider addresses models. */
export function upstreamModelOf(endpoint: PoolEndpoint, model: PoolModel): string {
  return endpoint.provider === 'azure-openai' ? model.deployment ?? model.name : model.name;
}

export function headerName(name: string): string {
  return name.toLowerCase();
}
