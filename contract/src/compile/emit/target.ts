import type { ModelPricing, RouteTarget, RouteTimeouts } from '../../api/types.js';
import type { CompiledTarget, PricingConfig } from '../../config/types.js';
import { tierOf } from '../resolve/route-targets.js';
import { targetCapabilities, type ResolvedBackend } from '../resolve/targets.js';
import { routeTimeouts } from './timeouts.js';
import { microUsd, upstreamModelOf } from './values.js';

function pricingOf(pricing: ModelPricing): PricingConfig {
  const input = microUsd(pricing.inputPerMillion);
  return {
    inputMicroUsdPerMillion: input,
    cachedInputMicroUsdPerMillion: pricing.cachedInputPerMillion === undefined ? input : microUsd(pricing.cachedInputPerMillion),
    cacheWriteMicroUsdPerMillion: pricing.cacheWritePerMillion === undefined ? input : microUsd(pricing.cacheWritePerMillion),
    outputMicroUsdPerMillion: microUsd(pricing.outputPerMillion),
    batchDiscountPercent: pricing.batchDiscountPercent ?? 0,
  };
}

export function emitTarget(target: RouteTarget, backends: readonly ResolvedBackend[], timeouts: RouteTimeouts | undefined): CompiledTarget {
  return {
    name: target.name,
    model: target.model,
    qualityTier: tierOf(target),
    capabilities: targetCapabilities(backends),
    backends: backends.map((backend) => ({
      endpointId: backend.endpointId,
      upstreamModel: upstreamModelOf(backend.endpoint, backend.model),
      pricing: pricingOf(backend.model.pricing),
      timeouts: routeTimeouts(backend.endpoint, timeouts),
    })),
  };
}
