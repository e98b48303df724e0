// The operator bench: propagation of ModelRoute changes to 100 sidecars, and the operator's CPU
// per reconcile and RSS with 200 routes. Run: test/cluster/with-cluster.sh node bench/operator/run.mjs
// (after `tsc -b`). SIDECARS, CHANGES, ROUTES, POOLS override the defaults.
import { fork } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startOperator } from '../../operator/dist/operator.js';
import { silentLogger } from '../../operator/dist/log.js';
import { applyResource, boundToken, createNamespace, createServiceAccount, createSidecarPod, installCrds, loadKubeConfig } from './cluster.mjs';
import { percentile, renderReport, writeReport } from './report.mjs';
import { pool, route } from './resources.mjs';

const SIDECARS = Number(process.env.SIDECARS ?? 100);
const CHANGES = Number(process.env.CHANGES ?? 30);
const ROUTES = Number(process.env.ROUTES ?? 200);
const POOLS = Number(process.env.POOLS ?? 4);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pki = (file) => join(process.env.SWITCHYARD_CLUSTER_DIR ?? '', 'pki', file);
const log = (line) => console.log(`[bench/operator] ${line}`);

/** The fleet child, with request/response over IPC. */
function startFleetProcess() {
  const child = fork(new URL('fleet.mjs', import.meta.url).pathname, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = [];
  child.on('message', (message) => {
    const index = waiters.findIndex((w) => w.matches(message));
    if (index >= 0) waiters.splice(index, 1)[0].resolve(message);
  });
  const next = (matches, timeoutMs) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fleet: timed out waiting (${timeoutMs} ms)`)), timeoutMs);
    waiters.push({ matches, resolve: (m) => { clearTimeout(timer); resolve(m); } });
  });
  return { child, next };
}

let expectations = 0;
/** Applies `change`; returns ms from the apply call to the first and the last sidecar's swap. */
async function measure(fleet, kc, namespace, change, routeName, endpoint, timeoutMs = 15_000) {
  const id = ++expectations;
  const armed = fleet.next((m) => m.type === 'armed' && m.id === id, 5000);
  const done = fleet.next((m) => m.type === 'done' && m.id === id, timeoutMs);
  fleet.child.send({ type: 'expect', id, route: routeName, endpoint });
  await armed;
  const pushesBefore = await pushCount();
  const since = now();
  await applyResource(kc, namespace, change);
  let pushed = Number.NaN;
  const watchPushes = (async () => {
    while (Number.isNaN(pushed) && now() - since < timeoutMs) {
      if ((await pushCount()) - pushesBefore >= SIDECARS) pushed = now() - since;
      else await sleep(2);
    }
  })();
  const { times, loadMs, loads } = await done;
  await watchPushes;
  fleetLoad = { ms: loadMs, count: loads };
  return { first: Math.min(...times) - since, last: Math.max(...times) - since, pushed };
}

let operatorHandle;
async function pushCount() {
  return (await operatorHandle.metrics.pushes.get()).values.reduce((sum, v) => sum + v.value, 0);
}

let fleetLoad = { ms: 0, count: 0 };
const lasts = (samples) => samples.map((s) => s.last);
const firsts = (samples) => samples.map((s) => s.first);
const pushes = (samples) => samples.map((s) => s.pushed).filter((v) => !Number.isNaN(v));

async function reconcileCount(operator) {
  return (await operator.metrics.reconciles.get()).values.reduce((sum, v) => sum + v.value, 0);
}

async function statusWrites(operator) {
  return (await operator.metrics.statusWrites.get()).values.reduce((sum, v) => sum + v.value, 0);
}

async function reconcileDuration(operator) {
  const { values } = await operator.metrics.reconcileDuration.get();
  const pick = (suffix) => values.find((v) => v.metricName?.endsWith(suffix))?.value ?? 0;
  return { sum: pick('_sum'), count: pick('_count') };
}

/** Waits until no reconcile has run for `quietMs`. */
async function settle(operator, quietMs = 1500) {
  let last = await reconcileCount(operator);
  for (let quiet = 0; quiet < quietMs; quiet += 250) {
    await sleep(250);
    const count = await reconcileCount(operator);
    if (count !== last) { last = count; quiet = -250; }
  }
}

async function main() {
  const kc = loadKubeConfig();
  await installCrds();
  const namespace = await createNamespace(kc, 'bench-operator');
  log(`namespace ${namespace}: ${SIDECARS} sidecar pods, ServiceAccount web`);
  await createServiceAccount(kc, namespace, 'web');
  await applyResource(kc, namespace, pool('p0'));
  await applyResource(kc, namespace, route('chat', 'p0', 'a'));
  const pods = await Promise.all(Array.from({ length: SIDECARS }, (_, i) => createSidecarPod(kc, namespace, `web-${i}`, 'web', { app: 'web' })));
  const tokenDir = await mkdtemp(join(tmpdir(), 'switchyard-bench-tokens-'));
  const members = await Promise.all(pods.map(async (pod) => {
    const tokenFile = join(tokenDir, pod.name);
    await writeFile(tokenFile, await boundToken(kc, pod, 'web'), { mode: 0o600 });
    return { pod: `${namespace}/${pod.name}`, tokenFile };
  }));

  const [cert, key, clientCa] = await Promise.all([readFile(pki('webhook.crt')), readFile(pki('webhook.key')), readFile(pki('ca.crt'))]);
  const operator = await startOperator({
    kubeConfig: kc, channel: { port: 0, cert, key, clientCa }, leaderElection: null, namespaces: [namespace], log: silentLogger,
  });
  operatorHandle = operator;
  const fleet = startFleetProcess();
  const ready = fleet.next((m) => m.type === 'ready', 60_000);
  fleet.child.send({ type: 'start', members, operatorUrl: `https://127.0.0.1:${operator.channelPort}`, caFile: pki('ca.crt') });
  const connectStart = performance.now();
  await ready;
  log(`${SIDECARS} sidecars connected and configured in ${(performance.now() - connectStart).toFixed(0)} ms`);

  try {
    await measure(fleet, kc, namespace, route('chat', 'p0', 'a'), 'chat', 'p0/a');
    const loadSmallBefore = { ...fleetLoad };
    const small = [];
    for (let i = 0; i < CHANGES; i += 1) {
      const endpoint = i % 2 === 0 ? 'b' : 'a';
      small.push(await measure(fleet, kc, namespace, route('chat', 'p0', endpoint), 'chat', `p0/${endpoint}`));
      await sleep(100);
    }
    log(`1 route: last sidecar p50 ${percentile(lasts(small), 50).toFixed(0)} ms, p99 ${percentile(lasts(small), 99).toFixed(0)} ms`);
    const loadSmallAfter = { ...fleetLoad };
    await settle(operator);
    const rssSmall = process.memoryUsage().rss;

    log(`loading ${ROUTES} routes over ${POOLS} pools`);
    for (let p = 1; p < POOLS; p += 1) await applyResource(kc, namespace, pool(`p${p}`));
    const routeNames = Array.from({ length: ROUTES }, (_, i) => `r-${i}`);
    for (let i = 0; i < ROUTES - 1; i += 1) await applyResource(kc, namespace, route(routeNames[i], `p${i % POOLS}`, 'a'));
    const lastIndex = ROUTES - 1;
    await measure(fleet, kc, namespace, route(routeNames[lastIndex], `p${lastIndex % POOLS}`, 'a'), routeNames[lastIndex], `p${lastIndex % POOLS}/a`, 60_000);
    await settle(operator, 3000);

    const endpoints = new Map(routeNames.map((name) => [name, 'a']));
    const cpuBefore = process.cpuUsage();
    const reconcilesBefore = await reconcileCount(operator);
    const writesBefore = await statusWrites(operator);
    const durationBefore = await reconcileDuration(operator);
    const loadBefore = { ...fleetLoad };
    const large = [];
    for (let i = 0; i < CHANGES; i += 1) {
      const index = (i * 37) % ROUTES;
      const name = routeNames[index];
      const endpoint = endpoints.get(name) === 'a' ? 'b' : 'a';
      endpoints.set(name, endpoint);
      large.push(await measure(fleet, kc, namespace, route(name, `p${index % POOLS}`, endpoint), name, `p${index % POOLS}/${endpoint}`));
      await sleep(100);
    }
    await settle(operator);
    const cpu = process.cpuUsage(cpuBefore);
    const reconciles = (await reconcileCount(operator)) - reconcilesBefore;
    const writes = (await statusWrites(operator)) - writesBefore;
    const durationAfter = await reconcileDuration(operator);
    const memory = process.memoryUsage();
    log(`${ROUTES} routes: last sidecar p50 ${percentile(lasts(large), 50).toFixed(0)} ms, p99 ${percentile(lasts(large), 99).toFixed(0)} ms`);
    const perLoad = (after, before) => (after.ms - before.ms) / Math.max(1, after.count - before.count);

    // The same kind of change with the namespace quiet before each: no backlog of the previous
    // change's acks and status writes in the operator's queue.
    const quiet = [];
    for (let i = 0; i < CHANGES; i += 1) {
      await settle(operator, 1000);
      const index = (i * 53 + 11) % ROUTES;
      const name = routeNames[index];
      const endpoint = endpoints.get(name) === 'a' ? 'b' : 'a';
      endpoints.set(name, endpoint);
      quiet.push(await measure(fleet, kc, namespace, route(name, `p${index % POOLS}`, endpoint), name, `p${index % POOLS}/${endpoint}`));
    }
    log(`${ROUTES} routes, quiet: last sidecar p50 ${percentile(lasts(quiet), 50).toFixed(0)} ms, p99 ${percentile(lasts(quiet), 99).toFixed(0)} ms`);

    const version = await fetchVersion(kc);
    const report = renderReport({
      date: new Date().toISOString().slice(0, 16).replace('T', ' '), apiserver: version, sidecars: SIDECARS,
      cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}`,
      small: lasts(small), large: lasts(large), smallFirst: firsts(small), largeFirst: firsts(large), quiet: lasts(quiet), quietFirst: firsts(quiet),
      smallPushed: pushes(small), largePushed: pushes(large), quietPushed: pushes(quiet),
      loadSmallMs: perLoad(loadSmallAfter, loadSmallBefore), loadLargeMs: perLoad(fleetLoad, loadBefore), routes: ROUTES, pools: POOLS, reconciles, writes, changes: CHANGES,
      cpuPerReconcileMs: (cpu.user + cpu.system) / 1000 / Math.max(1, reconciles),
      reconcileMeanMs: ((durationAfter.sum - durationBefore.sum) / Math.max(1, durationAfter.count - durationBefore.count)) * 1000,
      rssSmall, rssLarge: memory.rss, heapLarge: memory.heapUsed,
    });
    console.log(`\n${report}`);
    log(`written to ${await writeReport(report)}`);
  } finally {
    const exited = new Promise((resolve) => fleet.child.once('exit', resolve));
    fleet.child.send({ type: 'stop' });
    await Promise.race([exited, sleep(5000)]);
    fleet.child.kill();
    await operator.stop();
    await rm(tokenDir, { recursive: true, force: true });
  }
}

async function fetchVersion(kc) {
  const { VersionApi } = await import('@kubernetes/client-node');
  return (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
