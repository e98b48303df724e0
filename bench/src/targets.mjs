// What each target is: how to start it (if it is a process), where to send requests, which
// headers route them, and why it cannot run (null when it can).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_ALIAS, CHAT_PATH } from './payloads.mjs';
import { renderSidecarConfig } from './sidecar-config.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function ownGateway(script) {
  return {
    path: CHAT_PATH,
    headers: () => ({}),
    unavailable: (settings) => (existsSync(path.join(settings.peers, 'node_modules/undici')) ? null : 'peers not installed: run bash bench/setup.sh'),
    argv: ({ settings, port, upstreamPort }) => [settings.node, path.join(here, 'gateways', script), `--port=${port}`, `--upstream=http://127.0.0.1:${upstreamPort}`],
  };
}

function sidecar(variant) {
  return {
    path: null,
    headers: () => ({}),
    unavailable: (settings) => (existsSync(settings.sidecar.entry)
      ? null
      : `sidecar CLI entry ${settings.sidecar.entry} does not exist yet (build the operator workspace: npx tsc -b); skipping`),
    argv: ({ settings, port, upstreamPort, workDir }) => {
      const config = renderSidecarConfig({
        benchDir: settings.benchDir, variant, dir: path.join(workDir, `config-${variant}-${port}`), upstreamPort, modelAlias: MODEL_ALIAS,
      });
      const values = { node: settings.node, entry: settings.sidecar.entry, config, port: String(port) };
      return settings.sidecar.command.split(/\s+/).filter(Boolean)
        .map((word) => word.replace(/\{(node|entry|config|port)\}/g, (_, name) => values[name]));
    },
  };
}

const portkeyEntry = (settings) => path.join(settings.peers, 'node_modules/@portkey-ai/gateway/build/start-server.js');

export const TARGETS = {
  direct: { path: CHAT_PATH, headers: () => ({}), unavailable: () => null, argv: null },
  sidecar: sidecar('sidecar'),
  sidecar_full: sidecar('sidecar_full'),
  portkey: {
    path: CHAT_PATH,
    headers: ({ upstreamPort }) => ({ 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${upstreamPort}/v1` }),
    unavailable: (settings) => (existsSync(portkeyEntry(settings)) ? null : 'Portkey not installed: run bash bench/setup.sh'),
    argv: ({ settings, port }) => [
      settings.node, '--import', path.join(here, 'gateways', 'loopback-only.mjs'), portkeyEntry(settings), `--port=${port}`, '--headless',
    ],
  },
  node_undici: ownGateway('node-undici.mjs'),
  express_httpproxy: ownGateway('express-httpproxy.mjs'),
};

export function targetPath(name, settings) {
  return TARGETS[name].path ?? settings.sidecar.path;
}
