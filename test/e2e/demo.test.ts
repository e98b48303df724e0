// `make demo`'s cluster demo (examples/cluster/demo.sh) inside this run's control plane: it must
// exit 0 with DEMO_EXIT=1 after a plain and a streamed chat completion through each sidecar.
import { describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clusterEnv } from '../support/cluster.js';

jest.setTimeout(180_000);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runDemo(): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, DEMO_EXIT: '1', KUBECONFIG: clusterEnv('KUBECONFIG'), SWITCHYARD_CLUSTER_DIR: clusterEnv('SWITCHYARD_CLUSTER_DIR'),
  };
  delete env['SWITCHYARD_DEMO_OWNS_CLUSTER'];
  return new Promise((resolve) => {
    execFile(`${ROOT}examples/cluster/demo.sh`, [], { cwd: ROOT, env, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** The output between the heading naming `pod` and the next heading. */
function sectionsFor(stdout: string, pod: string): string[] {
  return stdout.split('\n\u001b[1m').filter((section) => section.includes(`through sidecar ${pod}`));
}

describe('the cluster demo', () => {
  it('reuses the running control plane, shows synced routes and chats through both sidecars', async () => {
    const run = await runDemo();
    if (run.code !== 0) console.log(`demo stdout:\n${run.stdout}\ndemo stderr:\n${run.stderr}`);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('Starting a local Kubernetes control plane');
    expect(run.stdout).toMatch(/modelroute\.switchyard\.dev\/demo-chat\s+True\s+2\/2/);
    expect(run.stdout).toMatch(/demo-app-1 .* SYNCED/);
    expect(run.stdout).toMatch(/demo-app-2 .* SYNCED/);
    for (const pod of ['demo-app-1', 'demo-app-2']) {
      const [plain, streamed] = sectionsFor(run.stdout, pod);
      expect(plain).toContain('"object":"chat.completion"');
      expect(plain).toContain('Hello from openai gpt-4o-mini');
      expect(streamed).toContain('"object":"chat.completion.chunk"');
      expect(streamed).toContain('data: [DONE]');
    }
  });
});
