// W3C Trace Context (https://www.w3.org/TR/trace-context-1/): the client's `traceparent` is
// continued when it is valid, otherwise a new trace starts. The sidecar is one span of the trace:
// same trace id, its own span id, which becomes the parent id of what it sends upstream and of
// the `traceparent` it answers with. `tracestate` travels on untouched, and only with a valid
// `traceparent` (the spec discards it otherwise).

import { randomBytes } from 'node:crypto';

export interface TraceContext {
  /** 32 lower-case hex digits, never all zeros. */
  readonly traceId: string;
  /** The sidecar's own span: 16 lower-case hex digits. */
  readonly spanId: string;
  /** The client's span, when the client sent a valid traceparent. */
  readonly parentSpanId: string | null;
  /** Trace flags, two hex digits; bit 0 is "sampled". */
  readonly flags: string;
  /** The client's tracestate, when it is passed on. */
  readonly tracestate: string | null;
}

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;
const HEX_BYTE = /^[0-9a-f]{2}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);
/** The spec asks vendors to pass on at least 512 characters; longer lists may be dropped. */
const MAX_TRACESTATE = 512;
const TRACESTATE_CHARS = /^[\x20-\x7e]*$/;
/** version-traceid-parentid-flags: 2 + 1 + 32 + 1 + 16 + 1 + 2. */
const VERSION_00_LENGTH = 55;

/** The parts of a valid `traceparent`, or undefined when it must be ignored. */
export function parseTraceparent(header: string | string[] | undefined): { traceId: string; parentSpanId: string; flags: string } | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header.trim();
  const version = value.slice(0, 2);
  if (!HEX_BYTE.test(version) || version === 'ff') return undefined;
  // Version 00 is exactly 55 characters; a later version may append fields after a dash.
  if (version === '00' ? value.length !== VERSION_00_LENGTH : value.length < VERSION_00_LENGTH || (value.length > VERSION_00_LENGTH && value[VERSION_00_LENGTH] !== '-')) {
    return undefined;
  }
  const [, traceId, parentSpanId, flags] = value.slice(0, VERSION_00_LENGTH).split('-');
  if (value[2] !== '-' || traceId === undefined || parentSpanId === undefined || flags === undefined) return undefined;
  if (!HEX_TRACE_ID.test(traceId) || traceId === ZERO_TRACE_ID) return undefined;
  if (!HEX_SPAN_ID.test(parentSpanId) || parentSpanId === ZERO_SPAN_ID) return undefined;
  if (!HEX_BYTE.test(flags)) return undefined;
  return { traceId, parentSpanId, flags };
}

/**
 * The sidecar's span for a request, continuing the client's trace when it sent a valid one.
 *
 * @example startTrace({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }).traceId
 *   // '4bf92f3577b34da6a3ce929d0e0e4736'
 */
export function startTrace(headers: Readonly<Record<string, string | string[] | undefined>>): TraceContext {
  const parent = parseTraceparent(headers['traceparent']);
  if (parent === undefined) return { traceId: newTraceId(), spanId: newSpanId(), parentSpanId: null, flags: '01', tracestate: null };
  // Only the sampled bit is defined for version 00; the others are passed on as zero.
  const flags = (Number.parseInt(parent.flags, 16) & 1) === 1 ? '01' : '00';
  return { traceId: parent.traceId, spanId: newSpanId(), parentSpanId: parent.parentSpanId, flags, tracestate: tracestateOf(headers['tracestate']) };
}

/** The `traceparent` naming the sidecar's span as parent: sent upstream and back to the client. */
export function formatTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

function tracestateOf(header: string | string[] | undefined): string | null {
  // Several tracestate headers are one list (RFC 9110 field combination).
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '' || value.length > MAX_TRACESTATE || !TRACESTATE_CHARS.test(value)) return null;
  return value.trim();
}

export function newTraceId(): string {
  return nonZeroHex(16);
}

export function newSpanId(): string {
  return nonZeroHex(8);
}

function nonZeroHex(bytes: number): string {
  for (;;) {
    const hex = takeRandom(bytes).toString('hex');
    if (!/^0+$/.test(hex)) return hex;
  }
}

// One randomBytes call per id cost ~3 % of a proxied request's CPU under load (bench profile);
// ids are cut from a pool refilled 4 KiB at a time instead. Same CSPRNG, never reused bytes.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function takeRandom(bytes: number): Buffer {
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const taken = pool.subarray(offset, offset + bytes);
  offset += bytes;
  return taken;
}
