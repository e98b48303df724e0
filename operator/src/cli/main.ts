#!/usr/bin/env node
// The switchyard CLI. Commands load lazily, so `switchyard sidecar` never loads the Kubernetes
// client and `switchyard compile` never loads the operator.

import { USAGE_EXIT, UsageError } from './usage.js';

interface Command {
  readonly summary: string;
  /** Exit status, or undefined for a command that keeps running (a server). */
  load(): Promise<{ run(argv: readonly string[]): Promise<number | undefined> }>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  compile: { summary: 'compile resources from YAML files into the sidecar config (JSON)', load: () => import('./compile.js') },
  sidecar: { summary: 'serve the OpenAI-compatible API, from YAML files (standalone) or from the operator', load: () => import('./sidecar.js') },
  operator: { summary: 'run the operator (control plane)', load: () => import('./operator.js') },
  'proxy-status': { summary: 'show which config each sidecar runs', load: () => import('./proxy-status.js') },
  usage: { summary: 'export usage records of a billing cycle (JSON lines, CSV, totals per team and feature)', load: () => import('./usage-export.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `usage: switchyard <command> [flags]\n\ncommands:\n${lines.join('\n')}\n\nRun switchyard <command> --help for a command's flags.`;
}

async function main(argv: readonly string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (name === undefined || !Object.hasOwn(COMMANDS, name)) {
    const problem = name === undefined ? 'no command given' : `unknown ${name.startsWith('-') ? 'flag' : 'command'} ${name}`;
    process.stderr.write(`switchyard: ${problem}\n${usage()}\n`);
    return USAGE_EXIT;
  }
  const command = await (COMMANDS[name] as Command).load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = USAGE_EXIT;
      return;
    }
    process.stderr.write(`switchyard: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
