// The bytes a sampled record keeps: the request body as it arrived and the response as the
// client got it (JSON or SSE), each up to a cap. Only requests that may be sampled are tapped,
// so every other request pays nothing. The taps watch what passes; they never read or write.

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CapturedBytes {
  readonly chunks: Buffer[];
  bytes: number;
  truncated: boolean;
}

function emptyCapture(): CapturedBytes {
  return { chunks: [], bytes: 0, truncated: false };
}

function keep(capture: CapturedBytes, chunk: Buffer, limit: number): void {
  const room = limit - capture.bytes;
  if (room <= 0) {
    capture.truncated = capture.truncated || chunk.length > 0;
    return;
  }
  const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
  capture.chunks.push(Buffer.from(part));
  capture.bytes += part.length;
  if (part.length < chunk.length) capture.truncated = true;
}

export function capturedText(capture: CapturedBytes): string {
  return Buffer.concat(capture.chunks, capture.bytes).toString('utf8');
}

/** The first `limit` bytes of a capture, as a capture of its own. */
export function capturedPrefix(capture: CapturedBytes, limit: number): CapturedBytes {
  if (capture.bytes <= limit) return capture;
  return { chunks: [Buffer.concat(capture.chunks, capture.bytes).subarray(0, limit)], bytes: limit, truncated: true };
}

/**
 * Watches the request's `data` events without listening for them: a listener would switch the
 * stream to flowing at once and hand chunks out before the pipeline has attached its own.
 */
export function tapRequest(req: IncomingMessage, limit: number): CapturedBytes {
  const capture = emptyCapture();
  const emit = req.emit.bind(req) as (event: string | symbol, ...args: unknown[]) => boolean;
  req.emit = ((event: string | symbol, ...args: unknown[]) => {
    const bytes = event === 'data' ? chunkBytes(args[0], 'utf8') : undefined;
    if (bytes !== undefined) keep(capture, bytes, limit);
    return emit(event, ...args);
  }) as IncomingMessage['emit'];
  return capture;
}

type WriteCallback = (error?: Error | null) => void;

function chunkBytes(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}

/** Records what goes through `res.write` and `res.end`, then passes it on unchanged. */
export function tapResponse(res: ServerResponse, limit: number): CapturedBytes {
  const capture = emptyCapture();
  const write = res.write.bind(res) as (chunk: unknown, encoding?: unknown, callback?: WriteCallback) => boolean;
  const end = res.end.bind(res) as (chunk?: unknown, encoding?: unknown, callback?: WriteCallback) => ServerResponse;
  const record = (chunk: unknown, encoding: unknown): void => {
    const bytes = chunkBytes(chunk, encoding);
    if (bytes !== undefined) keep(capture, bytes, limit);
  };
  res.write = ((chunk: unknown, encoding?: unknown, callback?: WriteCallback) => {
    record(chunk, encoding);
    return write(chunk, encoding, callback);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: WriteCallback) => {
    if (typeof chunk !== 'function') record(chunk, encoding);
    return end(chunk, encoding, callback);
  }) as ServerResponse['end'];
  return capture;
}
