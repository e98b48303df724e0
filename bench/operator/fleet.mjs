// Child process: N channel clients, each with its own in-process ConfigHolder, as the sidecar
// wires them (no HTTP data plane: the bench times the holder swap). Kept out of the operator's
// process so the operator's CPU and RSS are its own.
//
// IPC from the parent: {type:'start', members:[{pod, tokenFile}], operatorUrl, caFile}
//                      {type:'expect', id, route, endpoint}: report when every holder serves it.
// To the parent:       {type:'ready'} once every holder has a config; {type:'armed', id};
//                      {type:'done', id, times:[epoch ms per member], loadMs (CPU so far), loads (so far)}.
import { performance } from 'node:perf_hooks';
import { startChannelClient } from '../../sidecar/dist/channel/client.js';
import { ConfigHolder } from '../../sidecar/dist/config/holder.js';
import { silentLogger } from '../../sidecar/dist/metrics/log.js';

const now = () => performance.timeOrigin + performance.now();
const members = [];
let expectation;
// Successful holder loads, and this process's CPU time: the members share one thread, so CPU per
// load is what one real sidecar would spend on a swap.
const loads = { count: 0 };
const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };

function endpointOf(holder, routeName) {
  return holder.current?.config.routes.find((r) => r.name === routeName)?.targets[0]?.backends[0]?.endpointId;
}

function check(index) {
  if (expectation === undefined || expectation.times[index] !== undefined) return;
  if (endpointOf(members[index].holder, expectation.route) !== expectation.endpoint) return;
  expectation.times[index] = now();
  expectation.left -= 1;
  if (expectation.left === 0) {
    process.send({ type: 'done', id: expectation.id, times: expectation.times, loadMs: cpuMs(), loads: loads.count });
    expectation = undefined;
  }
}

function start({ members: list, operatorUrl, caFile }) {
  for (const [index, { pod, tokenFile }] of list.entries()) {
    const holder = new ConfigHolder({ log: silentLogger });
    const load = holder.load.bind(holder);
    holder.load = async (...args) => {
      const outcome = await load(...args);
      if (outcome.ok) loads.count += 1;
      if (outcome.ok) check(index);
      return outcome;
    };
    const channel = startChannelClient({ operatorUrl, caFile, tokenFile, pod, holder, log: silentLogger });
    members.push({ holder, channel });
  }
  const poll = setInterval(() => {
    if (members.every((m) => m.holder.current !== null)) {
      clearInterval(poll);
      process.send({ type: 'ready' });
    }
  }, 20);
}

process.on('message', (message) => {
  if (message.type === 'start') start(message);
  if (message.type === 'expect') {
    expectation = { id: message.id, route: message.route, endpoint: message.endpoint, times: new Array(members.length), left: members.length };
    process.send({ type: 'armed', id: message.id });
    members.forEach((_, index) => check(index));
  }
  if (message.type === 'stop') {
    void Promise.all(members.map(async (m) => { await m.channel.stop(); await m.holder.close(); })).then(() => process.exit(0));
  }
});
