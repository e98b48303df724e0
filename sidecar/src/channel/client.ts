// The sidecar's end of the channel: one HTTP/2 stream to the operator, opened with the pod's
// projected token (re-read on every connect, it rotates), hello first, then snapshot → ack/nack.
// On any failure it reconnects with jittered backoff and keeps serving what it has. It never
// talks to the Kubernetes API.
import { readFile } from 'node:fs/promises';
import { connect, type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import type { ConfigHolder } from '../config/holder.js';
import { describeError, silentLogger, type Logger } from '../metrics/log.js';
import { reconnectDelay, type BackoffOptions } from './backoff.js';
import { encodeFrame, parseOperatorFrame, type OperatorFrame, type SidecarFrame } from '@switchyard/contract';
import { restoreLastGood } from './restore.js';
import { applySnapshot } from './snapshot.js';

export interface ChannelClientOptions {
  readonly operatorUrl: string;
  readonly caFile: string;
  readonly tokenFile: string;
  /** `<namespace>/<pod>`. */
  readonly pod: string;
  readonly holder: ConfigHolder;
  /** Restores the last good config from here before the first connect when the holder has none. */
  readonly stateDir?: string;
  readonly log?: Logger;
  readonly backoff?: BackoffOptions;
  /** No frame (the operator pings every 10 s) for this long means the stream is dead. */
  readonly idleTimeoutMs?: number;
  /** Report frames of their own (experiment figures, …) while a stream is open. */
  readonly publishers?: readonly ChannelPublisher[];
  /** Operator frames other than snapshots and pings (budget allowances, quota, usage acks). */
  readonly onOperatorFrame?: (frame: OperatorFrame) => void;
}

/** Sends its own frames on each open stream, from `attach` until the returned detach. */
export interface ChannelPublisher {
  attach(send: (frame: SidecarFrame) => void): () => void;
}

export interface ChannelStatus {
  readonly connected: boolean;
  readonly attempts: number;
  readonly lastError: string | null;
}

export interface ChannelClient {
  readonly status: ChannelStatus;
  stop(): Promise<void>;
}

const MAX_FRAME_BYTES = 64 << 20;

class Client implements ChannelClient {
  private stopped = false;
  private session: ClientHttp2Session | undefined;
  private wake: (() => void) | undefined;
  private current: ChannelStatus = { connected: false, attempts: 0, lastError: null };
  private readonly log: Logger;
  private readonly done: Promise<void>;

  constructor(private readonly options: ChannelClientOptions) {
    this.log = options.log ?? silentLogger;
    this.done = this.run();
  }

  get status(): ChannelStatus {
    return this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.session?.destroy();
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    await this.restore();
    let attempt = 0;
    while (!this.stopped) {
      let progressed = false;
      try {
        progressed = await this.connectOnce();
      } catch (error) {
        this.current = { ...this.current, lastError: describeError(error) };
        this.log.warn('operator channel failed; serving the current config', { error: this.current.lastError });
      } finally {
        this.current = { ...this.current, connected: false };
        this.session?.destroy();
        this.session = undefined;
      }
      if (this.stopped) break;
      attempt = progressed ? 0 : attempt + 1;
      await this.sleep(reconnectDelay(attempt, this.options.backoff));
    }
  }

  private async restore(): Promise<void> {
    if (this.options.stateDir !== undefined) await restoreLastGood(this.options.holder, this.options.stateDir, this.log);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Resolves when the stream ends; true when a snapshot was handled on it. */
  private async connectOnce(): Promise<boolean> {
    const { operatorUrl, caFile, tokenFile, pod, holder } = this.options;
    const [ca, token] = await Promise.all([readFile(caFile), readFile(tokenFile, 'utf8')]);
    this.current = { ...this.current, attempts: this.current.attempts + 1 };
    const session = connect(operatorUrl, { ca });
    this.session = session;
    session.on('error', () => undefined);
    const stream = session.request({
      ':method': 'POST', ':path': '/v1/channel',
      authorization: `Bearer ${token.trim()}`, 'x-switchyard-pod': pod, 'content-type': 'application/x-ndjson',
    });
    const running = holder.current;
    const hello: SidecarFrame = { type: 'hello', pod, revision: running?.revision ?? null, version: running?.version ?? null };
    stream.write(encodeFrame(hello));
    return this.consume(stream);
  }

  private consume(stream: ClientHttp2Stream): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      let buffer = '';
      let progressed = false;
      let chain = Promise.resolve();
      let idle: NodeJS.Timeout | undefined;
      let detach = (): void => undefined;
      const idleMs = this.options.idleTimeoutMs ?? 35_000;
      const touch = (): void => {
        clearTimeout(idle);
        idle = setTimeout(() => stream.close(), idleMs);
      };
      // Also bounds the wait for response headers from an operator that accepted and hung.
      touch();
      stream.on('response', (headers) => {
        const status = Number(headers[':status']);
        if (status !== 200) {
          stream.setEncoding('utf8');
          let body = '';
          stream.on('data', (chunk: string) => { body += chunk; });
          stream.on('end', () => reject(new Error(`operator refused the channel: ${status} ${body.slice(0, 512)}`)));
          return;
        }
        this.current = { ...this.current, connected: true, lastError: null };
        this.log.info('operator channel open', { url: this.options.operatorUrl });
        touch();
        detach = this.attachPublishers(stream);
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          touch();
          buffer += chunk;
          if (buffer.length > MAX_FRAME_BYTES) return stream.close();
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines.filter((text) => text.trim() !== '')) {
            chain = chain.then(async () => {
              if (await this.handle(stream, line)) progressed = true;
            });
          }
        });
      });
      stream.on('error', (error) => reject(error));
      stream.on('close', () => {
        clearTimeout(idle);
        detach();
        void chain.then(() => resolve(progressed));
      });
    });
  }

  private attachPublishers(stream: ClientHttp2Stream): () => void {
    const send = (frame: SidecarFrame): void => {
      if (!stream.closed && !stream.destroyed) stream.write(encodeFrame(frame));
    };
    const detachers = (this.options.publishers ?? []).map((publisher) => publisher.attach(send));
    return () => detachers.forEach((detach) => detach());
  }

  /** True when the frame was a snapshot. */
  private async handle(stream: ClientHttp2Stream, line: string): Promise<boolean> {
    const frame = parseOperatorFrame(line);
    if (frame === undefined) {
      this.log.warn('malformed frame from the operator; reconnecting');
      stream.close();
      return false;
    }
    if (frame.type !== 'snapshot') {
      if (frame.type !== 'ping') this.options.onOperatorFrame?.(frame);
      return false;
    }
    const answer = await applySnapshot(this.options.holder, frame);
    if (answer.type === 'nack') this.log.warn('snapshot refused', { revision: answer.revision, reason: answer.reason });
    if (!stream.closed && !stream.destroyed) stream.write(encodeFrame(answer));
    return true;
  }
}

/**
 * @example
 * const channel = startChannelClient({ operatorUrl: 'https://switchyard-operator.switchyard:9443',
 *   caFile, tokenFile, pod: 'team-a/web-7d9f', holder });
 * await channel.stop();
 */
export function startChannelClient(options: ChannelClientOptions): ChannelClient {
  return new Client(options);
}
