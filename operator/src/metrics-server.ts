// /metrics (Prometheus text), /healthz (the process answers) and /readyz (informers synced and
// the channel serving) on a plain HTTP port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(host: string, port: number, registry: Registry, notReady: () => readonly string[]): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/metrics') {
      registry.metrics().then((body) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      }, () => {
        res.writeHead(500);
        res.end();
      });
      return;
    }
    if (req.url === '/healthz' || req.url === '/readyz') {
      const problems = req.url === '/healthz' ? [] : notReady();
      res.writeHead(problems.length === 0 ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(problems.length === 0 ? { status: 'ok' } : { status: 'not ready', problems }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
