// Histogram buckets. LLM calls run from milliseconds (errors, cache hits) to minutes (long
// generations), so duration buckets go well past prom-client's 10 s default; tokens use the
// GenAI semantic conventions' powers of four.

/** Seconds, for whole requests, upstream calls and time to first token. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 180, 300];

/** Seconds of the gateway's own work on a request: sub-millisecond to a slow PII scan. */
export const OVERHEAD_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** Tokens per request (gen_ai.client.token.usage). */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
