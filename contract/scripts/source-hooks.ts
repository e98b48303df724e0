// Lets a script import the contract's TypeScript sources directly, so a generator needs no build
// first. The sources import each other as `./x.js` (NodeNext) and use syntax Node's type
// stripping refuses (parameter properties), so both are handled here: a `.js` specifier that
// does not exist resolves to the sibling `.ts`, and `.ts` files under contract/src are
// transpiled with TypeScript itself.
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const sourceRoot = pathToFileURL(fileURLToPath(new URL('../src/', import.meta.url))).href;

function transpile(url: string): string {
  const text = readFileSync(fileURLToPath(url), 'utf8');
  return ts.transpileModule(text, {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2024, verbatimModuleSyntax: true },
  }).outputText;
}

/** Call before the first dynamic `import()` of a contract source file. */
export function importContractSources(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (parent?.startsWith(sourceRoot) && specifier.startsWith('.') && specifier.endsWith('.js')) {
        const candidate = new URL(`${specifier.slice(0, -'.js'.length)}.ts`, parent);
        if (!existsSync(new URL(specifier, parent)) && existsSync(candidate)) return nextResolve(candidate.href, context);
      }
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (url.startsWith(sourceRoot) && url.endsWith('.ts')) return { format: 'module', source: transpile(url), shortCircuit: true };
      return nextLoad(url, context);
    },
  });
}
