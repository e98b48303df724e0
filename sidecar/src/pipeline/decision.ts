// Stage 3: which target a chat request goes to first (semantic rules, intents, use cases, the
// default; see routing/decide.ts), with the endpoints' live health from the resilience layer.

import type { IncomingHttpHeaders } from 'node:http';
import type { RouteRuntime, Runtime } from '../config/runtime.js';
import type { ChatCompletionRequest } from '../openai/index.js';
import { chooseTarget, computeSignals, type Decision, type HealthView } from '../routing/index.js';

const healthViews = new WeakMap<Runtime['resilience'], HealthView>();

function healthViewOf(runtime: Runtime): HealthView {
  let view = healthViews.get(runtime.resilience);
  if (view === undefined) {
    const { state } = runtime.resilience;
    view = { healthy: (id) => state.health(id).admits(), latencyMs: (id) => state.latency(id).p95() };
    healthViews.set(runtime.resilience, view);
  }
  return view;
}

export function decideChatTarget(
  runtime: Runtime, route: RouteRuntime, request: ChatCompletionRequest, headers: IncomingHttpHeaders, detectedClass: string | undefined,
): Decision {
  const signals = computeSignals(route.routing, request, headers);
  const classified = detectedClass === undefined ? signals : { ...signals, dataClass: detectedClass };
  return chooseTarget(route.routing, request, classified, healthViewOf(runtime));
}
