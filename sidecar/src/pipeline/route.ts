// Stage 1: the model a client names → the route that serves it → the target to try first.

import type { IncomingHttpHeaders } from 'node:http';
import type { HeaderMatch } from '@switchyard/contract';
import type { RouteRuntime, Runtime } from '../config/runtime.js';
import { GatewayError } from '../errors/index.js';
import type { Exchange } from '../http/exchange.js';
import type { EmbeddingsRequest } from '../openai/index.js';

/** What embeddings requests route on; chat requests use the semantic signals in routing/. */
export interface UseCaseSignals {
  /** The value of the route's use-case header, if the client sent one. */
  readonly useCase: string | undefined;
}

const MAX_ECHOED_MODEL = 200;

/** The first route of the alias whose header matches all hold; model_not_found otherwise. */
export function resolveRoute(runtime: Runtime, model: string, headers: IncomingHttpHeaders): RouteRuntime {
  const route = runtime.aliases.get(model)?.find((candidate) => headersMatch(candidate.headers, headers));
  if (route !== undefined) return route;
  const shown = model.length > MAX_ECHOED_MODEL ? `${model.slice(0, MAX_ECHOED_MODEL)}…` : model;
  throw new GatewayError('model_not_found', `The model '${shown}' does not exist or you do not have access to it.`, { param: 'model' });
}

function headersMatch(matches: readonly HeaderMatch[], headers: IncomingHttpHeaders): boolean {
  return matches.every((match) => headers[match.name] === match.value);
}

/** Puts what the route stage learnt into the exchange's report. */
export function reportRoute(ex: Exchange, route: RouteRuntime, operation: 'chat' | 'embeddings'): void {
  ex.report.route = route.name;
  ex.report.operation = operation;
  ex.report.useCase = declaredUseCaseOf(route, ex.req.headers);
}

/** The use case for records and metric labels: one the route declares, else '' (labels stay bounded). */
export function declaredUseCaseOf(route: RouteRuntime, headers: IncomingHttpHeaders): string {
  const named = headers[route.useCaseHeader];
  return typeof named === 'string' && route.useCases.has(named) ? named : '';
}

export function useCaseSignalsOf(route: RouteRuntime, headers: IncomingHttpHeaders): UseCaseSignals {
  const useCase = headers[route.useCaseHeader];
  return { useCase: typeof useCase === 'string' ? useCase : undefined };
}

/**
 * Target choice for embeddings: the first target of the named use case, else the route's
 * default. Chat requests go through routing/decide.ts.
 *
 * @example chooseUseCaseTarget(route, request, { useCase: 'summarize' }) // 'mini'
 */
export function chooseUseCaseTarget(route: RouteRuntime, _request: EmbeddingsRequest, signals: UseCaseSignals): string {
  const useCaseTargets = signals.useCase === undefined ? undefined : route.useCases.get(signals.useCase);
  return useCaseTargets?.[0] ?? route.defaultTarget;
}
