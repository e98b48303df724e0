// Bundles the built `switchyard` CLI (operator/dist/cli/main.js) into operator/dist/bundle/, the
// form the image ships and the bench measures (ADR 0014). Node resolves and loads ~400 small
// modules for `switchyard sidecar`; one bundle with lazy chunks starts about 3× faster.
// Commands stay lazy (code splitting), and @kubernetes/client-node stays an external package,
// loaded only by the commands that talk to the API.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const operatorDir = fileURLToPath(new URL('..', import.meta.url));
// Chunk names carry content hashes: without a clean slate, every build would leave the last one's behind.
await rm(`${operatorDir}dist/bundle`, { recursive: true, force: true });

await build({
  entryPoints: { switchyard: `${operatorDir}dist/cli/main.js` },
  outdir: `${operatorDir}dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: 'linked',
  external: ['@kubernetes/client-node'],
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner: { js: "import { createRequire as __switchyardRequire } from 'node:module'; const require = __switchyardRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
