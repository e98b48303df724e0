// Generates contract/src/api/generated/ from crds/*.yaml and copies the CRDs into the Helm chart.
//   node contract/scripts/generate-types.ts           write the files
//   node contract/scripts/generate-types.ts --check   write nothing; exit 1 listing stale files
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crdFiles, readCrd } from './crd-source.ts';
import { staleOutputs, writeOutputs } from './outputs.ts';
import { renderConformance } from './render-conformance.ts';
import { renderKindModule } from './render-types.ts';

const generator = 'contract/scripts/generate-types.ts';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const crdDir = join(repoRoot, 'crds');
const generatedDir = join(repoRoot, 'contract', 'src', 'api', 'generated');
const chartCrdDir = join(repoRoot, 'charts', 'switchyard', 'crds');

/** Every output file, keyed by absolute path, with its expected content. */
function renderAll(): Map<string, string> {
  const outputs = new Map<string, string>();
  const crds = crdFiles.map((entry) => ({ ...readCrd(join(crdDir, entry.file), entry.file, entry.kind), module: entry.module }));
  for (const crd of crds) {
    outputs.set(join(generatedDir, `${crd.module}.ts`), renderKindModule(crd, generator));
    outputs.set(join(chartCrdDir, crd.file), crd.text);
  }
  outputs.set(join(generatedDir, 'conformance.ts'), renderConformance(crds, generator));
  return outputs;
}


function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const outputs = renderAll();
  if (check) {
    const stale = staleOutputs(outputs, repoRoot);
    if (stale.length === 0) return 0;
    process.stderr.write(
      `Out of date with crds/ (run \`node ${generator}\`):\n${stale.map((path) => `  ${path}\n`).join('')}`,
    );
    return 1;
  }
  writeOutputs(outputs);
  process.stdout.write(`Wrote ${outputs.size} files from crds/.\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
