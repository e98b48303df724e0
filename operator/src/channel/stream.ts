// One sidecar's channel stream, after authentication: NDJSON frames both ways, pings, and
// registration with the hub for as long as the stream lives.
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { PodInfo } from '../kube/port.js';
import type { Logger } from '../log.js';
import { encodeFrame, parseSidecarFrame, type OperatorFrame } from './frames.js';
import type { Connection, SidecarHub } from './hub.js';
import { LineReader } from './lines.js';

/** A snapshot is the largest frame a sidecar receives; what it sends is far smaller. */
const MAX_SIDECAR_FRAME_BYTES = 1 << 20;
let nextId = 1;

export interface StreamOptions {
  readonly hub: SidecarHub;
  readonly pod: PodInfo;
  readonly pingMs: number;
  /**
   * The token was checked once, at connect; bound tokens expire (kubelet rotates them hourly)
   * and die with their pod. Closing streams at this age (±10 %, so a fleet does not reconnect
   * at once) makes every sidecar authenticate again with its current token.
   */
  readonly maxAgeMs: number;
  readonly log: Logger;
}

export function serveChannel(req: Http2ServerRequest, res: Http2ServerResponse, options: StreamOptions): Connection {
  const { hub, pod, log } = options;
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  let open = true;
  const connection: Connection = {
    id: nextId++,
    namespace: pod.namespace,
    pod: pod.name,
    connectedAt: new Date(),
    send(frame: OperatorFrame): void {
      if (open && !res.writableEnded) res.write(encodeFrame(frame));
    },
    close(): void {
      if (!open) return;
      res.end();
      req.stream.close();
    },
  };
  const ping = setInterval(() => connection.send({ type: 'ping' }), options.pingMs);
  ping.unref();
  const expiry = setTimeout(() => connection.close(), options.maxAgeMs * (0.9 + Math.random() * 0.2));
  expiry.unref();
  const reader = new LineReader(MAX_SIDECAR_FRAME_BYTES);
  req.on('data', (chunk: Buffer) => {
    let lines: string[];
    try {
      lines = reader.push(chunk);
    } catch (error) {
      log.warn('channel frame too long; closing', { pod: `${pod.namespace}/${pod.name}`, error: String(error) });
      connection.close();
      return;
    }
    for (const line of lines) {
      const frame = parseSidecarFrame(line);
      if (frame === undefined || (frame.type === 'hello' && frame.pod !== `${pod.namespace}/${pod.name}`)) {
        log.warn('malformed channel frame; closing', { pod: `${pod.namespace}/${pod.name}` });
        connection.close();
        return;
      }
      hub.receive(connection, frame);
    }
  });
  const finish = (): void => {
    if (!open) return;
    open = false;
    clearInterval(ping);
    clearTimeout(expiry);
    hub.detach(connection);
  };
  req.stream.on('close', finish);
  req.on('error', finish);
  res.on('error', finish);
  hub.attach(connection);
  return connection;
}
