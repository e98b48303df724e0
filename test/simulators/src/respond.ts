import type { ServeContext } from './endpoint.js';
import { deliverFrames, deliverTruncated, type FrameStream } from './frames.js';
import { sendAnswer, type HttpAnswer } from './http-answer.js';

/** Sends a successful non-streamed answer, honouring the script's headers and reset. */
export async function respond(ctx: ServeContext, answer: HttpAnswer): Promise<void> {
  if (ctx.script?.resetAfterChunks !== undefined) return deliverTruncated(ctx.res, answer, ctx.script);
  sendAnswer(ctx.res, answer, ctx.script?.headers);
}

export function respondStream(ctx: ServeContext, stream: FrameStream): Promise<void> {
  return deliverFrames(ctx.res, stream, ctx.script, ctx.signal);
}
