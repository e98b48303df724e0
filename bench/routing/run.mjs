// The routing bench: compiles route.yaml + pool.yaml with the real contract compile() (which
// trains the intent classifier), then routes every held-out dev item through the sidecar's real
// signals → rules → scorer → decision path, and reports accuracy, macro-F1, per-route recall,
// classification latency, config size and cost saved against always-premium.
//   npx tsc -b && node bench/routing/run.mjs            (JSON also goes to bench/results/routing.json)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { compile, parseResources, secretKeysOf } from '../../contract/dist/index.js';
import { ASSUME_HEALTHY, chooseTarget, computeSignals, decisionHeader, estimateTextTokens, planRoute } from '../../sidecar/dist/routing/index.js';
import { clip, drawnExamples, EXAMPLES_PER_INTENT, handwritten, modelRoute } from './make-route.mjs';
import { classification, pct, percentile } from './metrics.mjs';
import { lastUserText, loadDev, splitDev } from './split.mjs';
import { caseHolds, syntheticCases } from './synthetic.mjs';

const HERE = import.meta.dirname;
const NAMESPACE = 'bench';
const ROUTES = ['triage', 'reasoning', 'code', 'chinese'];
const PREMIUM = ['reasoning', 'code'];
/** The label a rule decision stands for; a default decision goes to mini, triage's target. */
const RULE_LABEL = { chinese: 'chinese', images: 'multimodal', 'long-context': 'long_context' };
const DEFAULT_LABEL = 'triage';
/** Quality tier each label needs: the route's intents say 1/5/4; Chinese goes to qwen (tier 3). */
const REQUIRED_TIER = { triage: 1, reasoning: 5, code: 4, chinese: 3 };
/** Declared output lengths per label for the cost figures (no recorded outputs exist here). */
const OUTPUT_TOKENS = { triage: 80, reasoning: 350, code: 250, chinese: 200 };
const PREMIUM_TARGET = 'opus';
const LATENCY_PASSES = 10;

function compileRoute(route) {
  const pool = parseResources(readFileSync(join(HERE, 'pool.yaml'), 'utf8'), 'pool.yaml');
  const resources = [...pool.resources, route];
  const result = compile({ namespace: NAMESPACE, resources, secrets: secretKeysOf(pool.secrets, NAMESPACE) });
  if (result.config === null || result.findings.length > 0) {
    throw new Error(`compile failed: ${JSON.stringify({ errors: result.errors, findings: result.findings })}`);
  }
  return result.config;
}

function shippedRoute() {
  const parsed = parseResources(readFileSync(join(HERE, 'route.yaml'), 'utf8'), 'route.yaml');
  if (parsed.errors.length > 0) throw new Error(JSON.stringify(parsed.errors));
  return parsed.resources[0];
}

function withExamples(route, examples) {
  const copy = structuredClone(route);
  for (const intent of copy.spec.semantic.intents) intent.examples = examples[intent.name];
  return copy;
}

function requestOf(item) {
  return { model: 'assistant', messages: item.messages };
}

function predictedLabel(decision) {
  const by = decision.decidedBy;
  if (by.kind === 'rule') return RULE_LABEL[by.name] ?? by.name;
  if (by.kind === 'intent') return by.name;
  return DEFAULT_LABEL;
}

function route(plan, item) {
  const request = requestOf(item);
  const signals = computeSignals(plan, request, {});
  return { decision: chooseTarget(plan, request, signals, ASSUME_HEALTHY), signals };
}

function evaluate(plan, items) {
  const pairs = items.map((item) => {
    const { decision, signals } = route(plan, item);
    return { item, label: item.route, predicted: predictedLabel(decision), decision, signals };
  });
  return { pairs, metrics: classification(pairs, ROUTES) };
}

function bySource(pairs) {
  const out = {};
  for (const pair of pairs) {
    const entry = (out[pair.item.source] ??= { n: 0, correct: 0 });
    entry.n += 1;
    if (pair.predicted === pair.label) entry.correct += 1;
  }
  return Object.fromEntries(Object.entries(out).sort().map(([source, { n, correct }]) => [source, { n, accuracy: correct / n }]));
}

function latency(plan, items) {
  const full = [];
  const scorer = [];
  for (let pass = 0; pass <= LATENCY_PASSES; pass++) {
    for (const item of items) {
      const request = requestOf(item);
      const text = lastUserText(item);
      let start = process.hrtime.bigint();
      const signals = computeSignals(plan, request, {});
      chooseTarget(plan, request, signals, ASSUME_HEALTHY);
      const fullNs = Number(process.hrtime.bigint() - start);
      start = process.hrtime.bigint();
      plan.scorer.score(text);
      const scorerNs = Number(process.hrtime.bigint() - start);
      if (pass > 0) {
        full.push(fullNs / 1e6);
        scorer.push(scorerNs / 1e6);
      }
    }
  }
  const summary = (values) => {
    values.sort((a, b) => a - b);
    return { n: values.length, p50Ms: percentile(values, 0.5), p99Ms: percentile(values, 0.99), maxMs: values.at(-1) };
  };
  return { scorer: summary(scorer), signalsAndDecision: summary(full) };
}

function priceOf(config, target) {
  const compiled = config.routes[0].targets.find((t) => t.name === target);
  return compiled.backends[0].pricing;
}

function costs(config, pairs) {
  const cost = (target, pair) => {
    const { inputMicroUsdPerMillion, outputMicroUsdPerMillion } = priceOf(config, target);
    return (inputMicroUsdPerMillion * pair.signals.promptTokens + outputMicroUsdPerMillion * OUTPUT_TOKENS[pair.label]) / 1e12;
  };
  const tiers = Object.fromEntries(config.routes[0].targets.map((t) => [t.name, t.qualityTier]));
  const labelTarget = { triage: 'mini', reasoning: 'opus', code: 'sonnet', chinese: 'qwen' };
  let routed = 0, premium = 0, oracle = 0, met = 0;
  const underServed = {};
  for (const pair of pairs) {
    routed += cost(pair.decision.target, pair);
    premium += cost(PREMIUM_TARGET, pair);
    oracle += cost(labelTarget[pair.label], pair);
    if (tiers[pair.decision.target] >= REQUIRED_TIER[pair.label]) met += 1;
    else underServed[pair.label] = (underServed[pair.label] ?? 0) + 1;
  }
  return {
    routedUsd: routed, alwaysPremiumUsd: premium, labelOracleUsd: oracle,
    savedVsPremium: 1 - routed / premium, oracleSavedVsPremium: 1 - oracle / premium,
    qualityMet: met / pairs.length, underServed,
  };
}

/** Length of the last user turn only, bucketed by training-part deciles, majority label per bucket; rules still apply. */
function lengthBaseline(train, heldOut, plan) {
  const english = train.filter((item) => item.route !== 'chinese');
  const lengths = english.map((item) => lastUserText(item).length).sort((a, b) => a - b);
  const edges = Array.from({ length: 9 }, (_, i) => lengths[Math.floor(((i + 1) * lengths.length) / 10)]);
  const bucket = (length) => edges.filter((edge) => length > edge).length;
  const votes = Array.from({ length: 10 }, () => ({}));
  for (const item of english) {
    const b = votes[bucket(lastUserText(item).length)];
    b[item.route] = (b[item.route] ?? 0) + 1;
  }
  const majority = votes.map((v) => Object.entries(v).sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_LABEL);
  const pairs = heldOut.map((item) => {
    const { decision } = route(plan, item);
    const predicted = decision.decidedBy.kind === 'rule' ? predictedLabel(decision) : majority[bucket(lastUserText(item).length)];
    return { label: item.route, predicted };
  });
  return classification(pairs, ROUTES);
}

function leaveOneSourceOut(train, dev, baseRoute) {
  const extra = handwritten();
  const sources = [...new Set(dev.filter((item) => item.route !== 'chinese').map((item) => item.source))].sort();
  return Object.fromEntries(sources.map((source) => {
    const drawn = drawnExamples(train, EXAMPLES_PER_INTENT, (item) => item.source === source);
    const examples = Object.fromEntries(Object.entries(drawn).map(([intent, texts]) => [intent, [...texts, ...extra[intent]]]));
    const plan = planRoute(compileRoute(withExamples(baseRoute, examples)).routes[0]);
    const { metrics } = evaluate(plan, dev.filter((item) => item.source === source));
    return [source, { n: metrics.n, accuracy: metrics.accuracy }];
  }));
}

function ruleChecks(plan, forbidPlan, heldOut) {
  const threshold = plan.rules.find((rule) => rule.name === 'long-context').when.minPromptTokens;
  const sample = 'The quarterly report covers revenue, churn, hiring and the roadmap for the next two releases. '.repeat(100);
  const charsPerToken = sample.length / estimateTextTokens(sample);
  const groups = {};
  for (const c of syntheticCases(heldOut, threshold, charsPerToken)) {
    const usePlan = c.forbidOverride ? forbidPlan : plan;
    const signals = computeSignals(usePlan, c.request, c.headers);
    const decision = chooseTarget(usePlan, c.request, signals, ASSUME_HEALTHY);
    const g = (groups[c.group] ??= { n: 0, correct: 0, failures: [] });
    g.n += 1;
    if (caseHolds(decision, c.expect)) g.correct += 1;
    else if (g.failures.length < 3) g.failures.push(`${decisionHeader(decision.decidedBy)} → ${decision.target}`);
  }
  return groups;
}

function sizes(config) {
  const json = JSON.stringify(config);
  const model = JSON.stringify(config.routes[0].semantic.model);
  return { configBytes: Buffer.byteLength(json), configGzipBytes: gzipSync(json).length, modelBytes: Buffer.byteLength(model) };
}

function main() {
  const dev = loadDev();
  const { train, heldOut } = splitDev(dev);
  const base = shippedRoute();
  let start = performance.now();
  const config = compileRoute(base);
  const compileMs = performance.now() - start;
  const plan = planRoute(config.routes[0]);
  const forbidPlan = planRoute({ ...config.routes[0], semantic: { ...config.routes[0].semantic, override: null } });
  // Timed first, before the variant compiles below leave garbage for the collector to sweep mid-loop.
  const loadBefore = loadavg()[0];
  const timing = latency(plan, heldOut);
  const shipped = evaluate(plan, heldOut);
  const extra = handwritten();
  const drawn = drawnExamples(train);
  const withHand = (count) => withExamples(base, Object.fromEntries(Object.entries(drawnExamples(train, count)).map(([intent, texts]) => [intent, [...texts, ...extra[intent]]])));
  const variants = {
    'dev examples only': withExamples(base, drawn),
    'hand-written examples only': withExamples(base, extra),
    '25 dev + hand-written per intent': withHand(25),
    '50 dev + hand-written per intent': withHand(50),
    '100 dev + hand-written per intent': withHand(100),
  };
  const variantMetrics = Object.fromEntries(Object.entries(variants).map(([name, routeVariant]) => {
    const { metrics } = evaluate(planRoute(compileRoute(routeVariant).routes[0]), heldOut);
    return [name, metrics];
  }));
  start = performance.now();
  const again = compileRoute(base);
  const recompileMs = performance.now() - start;
  const report = {
    split: { train: train.length, heldOut: heldOut.length, examplesPerIntent: Object.fromEntries(base.spec.semantic.intents.map((i) => [i.name, i.examples.length])) },
    heldOut: { ...shipped.metrics, bySource: bySource(shipped.pairs), abstained: shipped.pairs.filter((p) => p.decision.decidedBy.kind === 'default').length },
    premiumRecall: Object.fromEntries(PREMIUM.map((label) => [label, shipped.metrics.perRoute[label].recall])),
    variants: variantMetrics,
    lengthOnlyBaseline: lengthBaseline(train, heldOut, plan),
    leaveOneSourceOut: leaveOneSourceOut(train, dev, base),
    rules: ruleChecks(plan, forbidPlan, heldOut),
    latency: { ...timing, loadAverage: loadBefore, cpus: cpus().length },
    size: sizes(config),
    cost: { outputTokensAssumed: OUTPUT_TOKENS, ...costs(config, shipped.pairs) },
    compile: { firstMs: compileMs, secondMs: recompileMs, sameVersion: again.version === config.version, version: config.version },
    errors: shipped.pairs.filter((p) => p.predicted !== p.label).map((p) => ({
      id: p.item.id, label: p.label, decision: decisionHeader(p.decision.decidedBy), intent: p.decision.intent, text: clip(lastUserText(p.item)).slice(0, 160),
    })),
  };
  mkdirSync(join(HERE, '../results'), { recursive: true });
  writeFileSync(join(HERE, '../results/routing.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(render(report));
}

function render(r) {
  const lines = [];
  const m = r.heldOut;
  lines.push(`# Routing bench (held-out ${r.split.heldOut} of 1,600 dev items; trained on ${JSON.stringify(r.split.examplesPerIntent)} examples)`);
  lines.push('');
  lines.push(`accuracy ${pct(m.accuracy)}, macro-F1 ${m.macroF1.toFixed(3)}, abstained (default) ${m.abstained}`);
  lines.push('');
  lines.push('| route | n | precision | recall | F1 |');
  lines.push('|---|---|---|---|---|');
  for (const label of ROUTES) {
    const p = m.perRoute[label];
    lines.push(`| ${label} | ${p.n} | ${pct(p.precision)} | ${pct(p.recall)} | ${p.f1.toFixed(3)} |`);
  }
  lines.push('');
  lines.push(`confusion (label → predicted): ${JSON.stringify(m.confusion)}`);
  lines.push(`by source: ${Object.entries(m.bySource).map(([s, v]) => `${s} ${pct(v.accuracy)} (${v.n})`).join(', ')}`);
  lines.push('');
  lines.push('| variant | accuracy | macro-F1 | reasoning recall | code recall |');
  lines.push('|---|---|---|---|---|');
  lines.push(`| shipped route.yaml (dev + hand-written) | ${pct(m.accuracy)} | ${m.macroF1.toFixed(3)} | ${pct(m.perRoute.reasoning.recall)} | ${pct(m.perRoute.code.recall)} |`);
  for (const [name, v] of Object.entries(r.variants)) {
    lines.push(`| ${name} | ${pct(v.accuracy)} | ${v.macroF1.toFixed(3)} | ${pct(v.perRoute.reasoning.recall)} | ${pct(v.perRoute.code.recall)} |`);
  }
  const b = r.lengthOnlyBaseline;
  lines.push(`| length-only baseline (rules + last-turn length) | ${pct(b.accuracy)} | ${b.macroF1.toFixed(3)} | ${pct(b.perRoute.reasoning.recall)} | ${pct(b.perRoute.code.recall)} |`);
  lines.push('');
  lines.push(`leave-one-source-out (train without the source, test on all its dev items): ${Object.entries(r.leaveOneSourceOut).map(([s, v]) => `${s} ${pct(v.accuracy)} (${v.n})`).join(', ')}`);
  lines.push('');
  lines.push('| rule check | cases | correct |');
  lines.push('|---|---|---|');
  for (const [group, g] of Object.entries(r.rules)) lines.push(`| ${group} | ${g.n} | ${pct(g.correct / g.n)}${g.failures.length ? ` e.g. ${g.failures.join('; ')}` : ''} |`);
  lines.push('');
  const l = r.latency;
  lines.push(`latency (ms, ${l.scorer.n} samples, 1-min load average ${l.loadAverage.toFixed(1)} on ${l.cpus} CPUs): scorer p50 ${l.scorer.p50Ms.toFixed(4)} p99 ${l.scorer.p99Ms.toFixed(4)} max ${l.scorer.maxMs.toFixed(3)}; signals + decision p50 ${l.signalsAndDecision.p50Ms.toFixed(4)} p99 ${l.signalsAndDecision.p99Ms.toFixed(4)} max ${l.signalsAndDecision.maxMs.toFixed(3)}`);
  lines.push(`config size: ${r.size.configBytes} bytes (${(r.size.configBytes / 1048576 * 100).toFixed(1)} % of 1 MiB), gzip ${r.size.configGzipBytes}; intent model ${r.size.modelBytes} bytes`);
  const c = r.cost;
  lines.push(`cost on the held-out mix: routed $${c.routedUsd.toFixed(4)} vs always-${PREMIUM_TARGET} $${c.alwaysPremiumUsd.toFixed(4)} → saved ${pct(c.savedVsPremium)}; label oracle saves ${pct(c.oracleSavedVsPremium)}; quality tier met on ${pct(c.qualityMet)} (under-served: ${JSON.stringify(c.underServed)})`);
  lines.push(`compile: ${r.compile.firstMs.toFixed(0)} ms first, ${r.compile.secondMs.toFixed(0)} ms again (model memoised), same version ${r.compile.sameVersion} (${r.compile.version})`);
  lines.push('');
  lines.push(`misrouted (${r.errors.length}):`);
  for (const e of r.errors.slice(0, 25)) lines.push(`- ${e.id} [${e.label}] ${e.decision} (${e.intent?.intent} ${e.intent?.confidence.toFixed(2)}): ${JSON.stringify(e.text)}`);
  return lines.join('\n');
}

main();
