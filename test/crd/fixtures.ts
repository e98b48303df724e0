// Invalid manifests under test/crd/fixtures/invalid/<kind>/<rule>.yaml. Each starts with a comment
// saying what is wrong and an `# expect: <text>` line the apiserver's error must contain.
import { readdirSync, readFileSync } from 'node:fs';

const root = new URL('fixtures/invalid/', import.meta.url);

export interface InvalidFixture {
  /** "<kind>/<rule>" */
  id: string;
  /** Absolute path, for kubectl -f. */
  path: string;
  why: string;
  expect: string;
}

function headerValue(text: string, id: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`fixture ${id} lacks a header matching ${String(pattern)}`);
  return match[1].trim();
}

export function readInvalidFixtures(): InvalidFixture[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((kindDir) =>
      readdirSync(new URL(`${kindDir.name}/`, root))
        .filter((file) => file.endsWith('.yaml'))
        .sort()
        .map((file) => {
          const url = new URL(`${kindDir.name}/${file}`, root);
          const id = `${kindDir.name}/${file.replace(/\.yaml$/, '')}`;
          const text = readFileSync(url, 'utf8');
          return {
            id,
            path: url.pathname,
            why: headerValue(text, id, /^# (?!expect:)(.+)$/m),
            expect: headerValue(text, id, /^# expect: (.+)$/m),
          };
        }),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}
