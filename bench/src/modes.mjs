// Mode names and what load each one applies:
//   c<N>         closed loop, N connections, small non-streaming body
//   stream_c<N>  closed loop, N connections, streaming (latency = whole stream)
//   big_c<N>     closed loop, N connections, ~33 KB body
//   ttft_c<N>    closed loop streaming, latency = time to first body byte
//   p<R>         open loop paced at R req/s over PACED_SOCKETS sockets, latency from schedule
const PATTERN = /^(?:(stream|big|ttft)_)?c(\d+)$|^p(\d+)$/;

export function parseMode(name, settings) {
  const match = PATTERN.exec(name);
  if (match === null) throw new Error(`unknown mode "${name}" (expected c<N>, stream_c<N>, big_c<N>, ttft_c<N> or p<rate>)`);
  const [, variant, connections, rate] = match;
  if (rate !== undefined) {
    return {
      name, kind: 'paced', rate: Number(rate), connections: settings.pacedSockets, bodyKind: 'small', stream: false,
      durationSeconds: settings.durationSeconds,
    };
  }
  const n = Number(connections);
  const stream = variant === 'stream' || variant === 'ttft';
  return {
    name,
    kind: variant === 'ttft' ? 'ttft' : 'closed',
    connections: n,
    bodyKind: variant === 'big' ? 'big' : stream ? 'stream' : 'small',
    stream,
    durationSeconds: n === 1 ? settings.durationC1Seconds : settings.durationSeconds,
  };
}
