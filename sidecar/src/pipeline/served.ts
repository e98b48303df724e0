// What a successful response says about how it was served, in x-switchyard-* headers.

import type { RouteRuntime } from '../config/runtime.js';
import type { Candidate } from './candidates.js';

export function servedHeaders(route: RouteRuntime, candidate: Candidate): Record<string, string> {
  return {
    'x-switchyard-provider': candidate.backend.endpoint.adapter.name,
    'x-switchyard-model': candidate.targetRuntime.model,
    'x-switchyard-route': route.name,
    'x-switchyard-target': candidate.target,
  };
}
