// The request log: a start listener that taps the bodies of requests that may be sampled, and a
// finish listener that writes one line per request through the sidecar's logger and, for sampled
// requests, a full record to the route's sink. The route's logging policy applies to both.

import type { Runtime } from '../config/runtime.js';
import type { Exchange } from '../http/exchange.js';
import type { FinishedExchange, FinishListener, StartListener } from '../http/finish.js';
import type { Logger } from '../metrics/log.js';
import { capturedPrefix, capturedText, tapRequest, tapResponse, type CapturedBytes } from './capture.js';
import { DEFAULT_FIELD_POLICY, fieldPolicyOf, needsRequestBody, type FieldPolicy } from './field-policy.js';
import { keyedHash, type Hasher } from './keyed-hash.js';
import { requestLine, userOf } from './request-line.js';
import { sampleRecord } from './sample-record.js';
import { createSampleSinks } from './sample-sink.js';
import { isSampled } from './sampling.js';

export interface RequestLogOptions {
  /** File for sampled records of routes whose sink is "file" (startServer: $SWITCHYARD_SAMPLE_LOG_FILE); none: those are dropped. */
  readonly sampleFile?: string | undefined;
  /** Where records of routes whose sink is "stdout" go; default process.stdout. */
  readonly writeStdout?: (line: string) => void;
  /** Bytes of each body a sampled record keeps; default 256 KiB. */
  readonly maxSampleBodyBytes?: number;
}

export interface RequestLog {
  readonly begin: StartListener;
  readonly finish: FinishListener;
  close(): Promise<void>;
}

const DEFAULT_MAX_SAMPLE_BODY_BYTES = 256 * 1024;

interface RoutePlan {
  readonly policy: FieldPolicy;
  readonly hash: Hasher;
}

/** Per config: each route's policy and hasher, and what any request may need tapped. */
interface RuntimePlan {
  readonly routes: ReadonlyMap<string, RoutePlan>;
  readonly maxSampleRate: number;
  readonly anyNeedsBody: boolean;
}

interface Taps {
  readonly request: CapturedBytes;
  readonly response: CapturedBytes | undefined;
}

const NO_HASH: Hasher = () => undefined;
const plans = new WeakMap<Runtime, RuntimePlan>();

function planOf(runtime: Runtime): RuntimePlan {
  const cached = plans.get(runtime);
  if (cached !== undefined) return cached;
  const routes = new Map(runtime.config.routes.map((route) => {
    const policy = fieldPolicyOf(route.logging);
    return [route.name, { policy, hash: keyedHash(runtime.logHashKeys.get(route.name)) }] as const;
  }));
  const policies = [...routes.values()].map((route) => route.policy);
  const plan: RuntimePlan = {
    routes,
    maxSampleRate: Math.max(0, ...policies.map((policy) => policy.sampleRate)),
    anyNeedsBody: policies.some(needsRequestBody),
  };
  plans.set(runtime, plan);
  return plan;
}

/**
 * @example startServer({ onStarted: [requestLog.begin], onFinished: [requestLog.finish] })
 */
export function createRequestLog(log: Logger, options: RequestLogOptions = {}): RequestLog {
  const limit = options.maxSampleBodyBytes ?? DEFAULT_MAX_SAMPLE_BODY_BYTES;
  const sinks = createSampleSinks({
    writeStdout: options.writeStdout ?? ((line) => process.stdout.write(line)),
    file: options.sampleFile ?? null,
    log,
  });
  const taps = new WeakMap<Exchange, Taps>();
  const missingKeys = new Set<string>();

  const begin: StartListener = (ex) => {
    if (ex.runtime === null || ex.req.url?.startsWith('/v1/') !== true) return;
    const plan = planOf(ex.runtime);
    const sampled = isSampled(ex.requestId, plan.maxSampleRate);
    if (!sampled && !plan.anyNeedsBody) return;
    // The whole body (the pipeline holds it anyway), so the `user` field is found wherever it is.
    taps.set(ex, { request: tapRequest(ex.req, ex.limits.maxBodyBytes), response: sampled ? tapResponse(ex.res, limit) : undefined });
  };

  const finish: FinishListener = (finished: FinishedExchange) => {
    const { ex } = finished;
    const route = ex.runtime === null ? undefined : planOf(ex.runtime).routes.get(ex.report.route);
    const policy = route?.policy ?? DEFAULT_FIELD_POLICY;
    const hash = route?.hash ?? NO_HASH;
    if (route !== undefined && policy.hashes && hash('') === undefined && !missingKeys.has(ex.report.route)) {
      missingKeys.add(ex.report.route);
      log.warn('the route hashes log fields but its hash key has not arrived; those fields are left out', { route: ex.report.route });
    }
    const tapped = taps.get(ex);
    const user = tapped !== undefined && policy.user !== 'strip' && !tapped.request.truncated ? userOf(capturedText(tapped.request)) : undefined;
    const line = requestLine(finished, policy, hash, { user });
    if (finished.status >= 500) ex.log.warn('request', line);
    else ex.log.info('request', line);
    if (route !== undefined && tapped !== undefined && isSampled(ex.requestId, policy.sampleRate)) {
      const record = sampleRecord(line, policy, { request: capturedPrefix(tapped.request, limit), response: tapped.response }, hash);
      sinks.write(policy.sink, ex.report.route, record);
    }
  };

  return { begin, finish, close: () => sinks.close() };
}
