// kubectl and helm at the pinned versions from test/cluster/tools.sh, run against KUBECONFIG.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { clusterEnv } from './env.js';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ToolOptions {
  stdin?: string;
  timeoutMs?: number;
}

const defaultTimeoutMs = 60_000;

function runTool(binary: string, args: readonly string[], options: ToolOptions): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs ?? defaultTimeoutMs });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        // A tool killed by the timeout reports its signal the way a shell would.
        code: code ?? 128 + (signal ? constants.signals[signal] : 0),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

export function kubectl(args: readonly string[], options: ToolOptions = {}): Promise<ToolResult> {
  return runTool(clusterEnv('SWITCHYARD_KUBECTL'), args, options);
}

export function helm(args: readonly string[], options: ToolOptions = {}): Promise<ToolResult> {
  return runTool(clusterEnv('SWITCHYARD_HELM'), args, options);
}
