// Renders bench/config/<variant>.yaml.tmpl into a config dir for one sidecar start.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function renderSidecarConfig({ benchDir, variant, dir, upstreamPort, modelAlias }) {
  const template = readFileSync(path.join(benchDir, 'config', `${variant}.yaml.tmpl`), 'utf8');
  const values = { UPSTREAM_PORT: String(upstreamPort), MODEL_ALIAS: modelAlias };
  const yaml = template.replace(/\$\{([A-Z_]+)\}/g, (match, name) => {
    if (!(name in values)) throw new Error(`${variant}.yaml.tmpl: unknown placeholder ${match}`);
    return values[name];
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'switchyard.yaml'), yaml);
  return dir;
}
