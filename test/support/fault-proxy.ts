// A small TCP fault proxy (toxiproxy's toxics on net sockets; the Toxiproxy server is not on npm
// and our machines run no Docker). Listens on 127.0.0.1:0 and forwards to a target, with one
// fault applied to each new connection:
//   pass       forward untouched
//   refuse     accept, then close at once without a byte
//   reset      forward, then send a TCP RST once `afterBytes` of the answer have gone through
//   blackhole  accept and read, never connect upstream, never answer
//   delay      forward every chunk, both ways, `ms` late
// It counts open sockets (both sides) so tests can assert that nothing leaks.

import net from 'node:net';

const RESET_GRACE_MS = 20;

export type Fault =
  | { readonly mode: 'pass' }
  | { readonly mode: 'refuse' }
  | { readonly mode: 'reset'; readonly afterBytes: number }
  | { readonly mode: 'blackhole' }
  | { readonly mode: 'delay'; readonly ms: number };

export interface FaultProxyOptions {
  readonly target: { readonly host: string; readonly port: number };
  readonly fault?: Fault;
}

export interface FaultProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Applies to connections accepted from now on. */
  setFault(fault: Fault): void;
  /** Client-side and upstream sockets currently open. */
  readonly openSockets: number;
  /** Connections accepted since start. */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  let fault: Fault = options.fault ?? { mode: 'pass' };
  let accepted = 0;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): net.Socket => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  };
  const server = net.createServer((client) => {
    accepted += 1;
    track(client);
    handle(client, fault, () => track(net.connect(options.target)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy: no TCP address');
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    setFault: (next) => { fault = next; },
    get openSockets() { return sockets.size; },
    get accepted() { return accepted; },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function handle(client: net.Socket, fault: Fault, connect: () => net.Socket): void {
  switch (fault.mode) {
    case 'refuse':
      client.destroy();
      return;
    case 'blackhole':
      client.resume();
      return;
    case 'pass':
      return pipeBoth(client, connect(), 0);
    case 'delay':
      return pipeBoth(client, connect(), fault.ms);
    case 'reset':
      return pipeResetting(client, connect(), fault.afterBytes);
  }
}

function pipeBoth(client: net.Socket, upstream: net.Socket, delayMs: number): void {
  forward(client, upstream, delayMs);
  forward(upstream, client, delayMs);
  closeTogether(client, upstream, delayMs);
}

/** Runs `run` after `delayMs`; timers of equal delay fire in the order they were set. */
function later(delayMs: number, run: () => void): void {
  if (delayMs === 0) run();
  else setTimeout(run, delayMs).unref();
}

/** Forwards chunks in order, each `delayMs` late; ends the other side when this one ends. */
function forward(from: net.Socket, to: net.Socket, delayMs: number): void {
  from.on('data', (chunk: Buffer) => later(delayMs, () => { if (!to.destroyed) to.write(chunk); }));
  from.on('end', () => later(delayMs, () => { if (!to.destroyed) to.end(); }));
}

function pipeResetting(client: net.Socket, upstream: net.Socket, afterBytes: number): void {
  let sent = 0;
  forward(client, upstream, 0);
  upstream.on('data', (chunk: Buffer) => {
    if (client.destroyed) return;
    const room = afterBytes - sent;
    if (room > chunk.length) {
      sent += chunk.length;
      client.write(chunk);
      return;
    }
    sent = afterBytes;
    upstream.destroy();
    // An RST discards what the peer has not read yet, so give the last bytes a moment to land.
    client.write(chunk.subarray(0, Math.max(0, room)), () => setTimeout(() => client.resetAndDestroy(), RESET_GRACE_MS).unref());
  });
  upstream.on('end', () => { if (!client.destroyed) client.end(); });
  closeTogether(client, upstream, 0);
}

/** A side that fails takes the other down at once; one that closes cleanly lets it flush and end. */
function closeTogether(a: net.Socket, b: net.Socket, delayMs: number): void {
  const follow = (closed: net.Socket, other: net.Socket): void => {
    closed.once('close', (hadError: boolean) => later(delayMs, () => (hadError ? other.destroy() : other.end())));
  };
  follow(a, b);
  follow(b, a);
}
