// Reads a request body once, as text, under a size limit. Past the limit the read fails with
// body_too_large and the connection closes after the 413: the rest is read only while the answer
// goes out (so the client sees its 413 rather than a reset), never to the end of a body that may
// be gigabytes long.

import { GatewayError } from '../errors/index.js';
import type { Exchange } from './exchange.js';

export function readBody(ex: Exchange): Promise<string> {
  const { req } = ex;
  const limit = ex.limits.maxBodyBytes;
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(drainTooLarge(ex));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      reject(drainTooLarge(ex));
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    };
    const onClose = (): void => {
      cleanup();
      reject(new GatewayError('invalid_request', 'The client closed the connection before sending the whole body.'));
    };
    const cleanup = (): void => {
      req.off('data', onData).off('end', onEnd).off('close', onClose);
    };
    req.on('data', onData).on('end', onEnd).on('close', onClose);
  });
}

function drainTooLarge(ex: Exchange): GatewayError {
  if (!ex.res.headersSent) ex.res.setHeader('connection', 'close');
  ex.req.resume();
  return new GatewayError('body_too_large', `The request body exceeds the limit of ${ex.limits.maxBodyBytes} bytes.`);
}
