// The dev set, split once: a stratified, seeded 25 % held out per (route, source); the rest is the
// training part that route.yaml's examples come from. Same file, same split, every run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_PATH = join(import.meta.dirname, '../../../shared/eval/routing/dev.jsonl');
export const HELD_OUT_SHARE = 0.25;
export const SPLIT_SEED = 'switchyard-bench-routing|split';

export function fnv1a(text) {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function mulberry32(seed) {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export function loadDev(path = DEV_PATH) {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

/** { train, heldOut }: each (route, source) stratum shuffled by its own seeded stream. */
export function splitDev(items) {
  const strata = new Map();
  for (const item of items) {
    const key = `${item.route}|${item.source}`;
    strata.set(key, [...(strata.get(key) ?? []), item]);
  }
  const train = [];
  const heldOut = [];
  for (const key of [...strata.keys()].sort()) {
    const order = shuffled(strata.get(key), mulberry32(fnv1a(`${SPLIT_SEED}|${key}`)));
    const cut = Math.round(order.length * HELD_OUT_SHARE);
    heldOut.push(...order.slice(0, cut));
    train.push(...order.slice(cut));
  }
  const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { train: train.sort(byId), heldOut: heldOut.sort(byId) };
}

export function messageText(content) {
  if (typeof content === 'string') return content;
  return content.filter((part) => part.type === 'text').map((part) => part.text).join('\n');
}

/** The last user turn: what the label describes. */
export function lastUserText(item) {
  const message = [...item.messages].reverse().find((m) => m.role === 'user');
  return message === undefined ? '' : messageText(message.content);
}
