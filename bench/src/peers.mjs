// Peer packages (undici, express, http-proxy, Portkey) live in a scratch dir outside the repo,
// installed by bench/setup.sh. Resolving from there, not from the repo's node_modules, keeps
// the pinned versions in bench/peers/package-lock.json the ones under test.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export function scratchDir() {
  return process.env.BENCH_SCRATCH ?? path.join(process.env.TMPDIR ?? '/tmp', 'switchyard-bench');
}

export function peersDir() {
  return process.env.BENCH_PEERS_DIR ?? path.join(scratchDir(), 'peers');
}

export function resolvePeer(specifier) {
  return createRequire(path.join(peersDir(), 'package.json')).resolve(specifier);
}

/** The module's exports as a CommonJS consumer sees them. */
export async function importPeer(specifier) {
  const namespace = await import(pathToFileURL(resolvePeer(specifier)).href);
  return namespace.default ?? namespace;
}
