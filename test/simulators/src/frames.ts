import type { ServerResponse } from 'node:http';
import type { HttpAnswer } from './http-answer.js';
import { mergeHeaders } from './http-answer.js';
import type { Script } from './script.js';
import { pause } from './timing.js';

/** A streamed body as the dialect frames it; `tail` (e.g. `data: [DONE]`) is not a chunk. */
export interface FrameStream {
  status: number;
  headers: Record<string, string>;
  frames: string[];
  tail: string;
  /** The provider's in-stream error frame, used by `streamErrorAfterChunks`. */
  errorFrame: string;
}

export async function deliverFrames(res: ServerResponse, stream: FrameStream, script: Script | undefined, signal: AbortSignal): Promise<void> {
  res.writeHead(stream.status, mergeHeaders(stream.headers, script?.headers));
  res.flushHeaders();
  const trickleMs = script?.trickleMs ?? 0;
  const count = stream.frames.length;
  const resetAt = cutPoint(script?.resetAfterChunks, count);
  const errorAt = cutPoint(script?.streamErrorAfterChunks, count);
  for (const [index, frame] of stream.frames.entries()) {
    if (index === resetAt) return cutConnection(res);
    if (index === errorAt) return void res.end(stream.errorFrame);
    if (index > 0 && !(await pause(trickleMs, signal))) return cutConnection(res);
    if (res.destroyed) return;
    await write(res, frame);
  }
  if (resetAt === count) return cutConnection(res);
  res.end(errorAt === count ? stream.errorFrame : stream.tail);
}

/** A cut beyond the last chunk happens right before the tail (`[DONE]` never arrives). */
function cutPoint(afterChunks: number | undefined, count: number): number | undefined {
  return afterChunks === undefined ? undefined : Math.min(afterChunks, count);
}

/** Non-streamed answer with `resetAfterChunks`: 0 cuts before headers, otherwise mid-body. */
export async function deliverTruncated(res: ServerResponse, answer: HttpAnswer, script: Script): Promise<void> {
  if (script.resetAfterChunks === 0) return cutConnection(res);
  res.writeHead(answer.status, mergeHeaders({ ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) }, script.headers));
  await write(res, answer.body.slice(0, Math.floor(answer.body.length / 2)));
  cutConnection(res);
}

function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(data, () => resolve());
  });
}

function cutConnection(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}
