// The pins in test/cluster/versions.env, so suites assert against the same versions the scripts build.
import { readFileSync } from 'node:fs';

export type Pins = Readonly<Record<string, string>>;

export function readPins(): Pins {
  const text = readFileSync(new URL('../cluster/versions.env', import.meta.url), 'utf8');
  const pins: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) pins[match[1]] = match[2];
  }
  return pins;
}

export function pin(name: string): string {
  const value = readPins()[name];
  if (!value) throw new Error(`test/cluster/versions.env has no ${name}`);
  return value;
}
