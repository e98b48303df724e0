import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicDialect } from './anthropic/module.js';
import { controlPrefix, handleControl, type ControlTarget } from './control.js';
import type { Dialect, OpenAIFlavor } from './dialect.js';
import type { DialectModule, Endpoint } from './endpoint.js';
import { geminiDialect } from './gemini/module.js';
import { fillEchoes } from './echo.js';
import { rawAnswer, sendAnswer, type HttpAnswer } from './http-answer.js';
import { readIncoming, type Incoming } from './incoming.js';
import { openAIDialect } from './openai/module.js';
import { RequestLog, type RecordedRequest } from './record.js';
import { ScriptBook } from './script-book.js';
import { kindForStatus, type Script } from './script.js';
import { SimulatorState } from './state.js';
import { pause } from './timing.js';

export interface SimulatorOptions {
  dialect: Dialect;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The key callers must present; when unset any credentials (or none) are accepted. */
  apiKey?: string;
  /** Default OpenAI-compatible flavor for the openai dialect (per request: `x-sim-flavor`). */
  flavor?: OpenAIFlavor;
  /** Models the list endpoints report. */
  models?: string[];
  /** Scripts queued at start, e.g. `{ always: true, status: 503 }` for a fault-injection run. */
  scripts?: Script[];
}

export interface Simulator extends ControlTarget {
  readonly dialect: Dialect;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const dialectModules: Record<Dialect, DialectModule> = { openai: openAIDialect, anthropic: anthropicDialect, gemini: geminiDialect };

const defaultModels: Record<Dialect, string[]> = {
  openai: ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small'],
  anthropic: ['claude-sonnet-4-6', 'claude-haiku-4-5'],
  gemini: ['gemini-2.0-flash', 'gemini-2.5-flash', 'text-embedding-004'],
};

class SimulatorServer implements Simulator {
  readonly dialect: Dialect;
  url = '';
  port = 0;
  private readonly log = new RequestLog();
  private readonly book = new ScriptBook();
  private state: SimulatorState;
  private readonly shutdown = new AbortController();
  private readonly server: Server;

  constructor(private readonly options: SimulatorOptions) {
    this.dialect = options.dialect;
    this.state = this.freshState();
    this.book.push(...(options.scripts ?? []));
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  get requests(): readonly RecordedRequest[] {
    return this.log.list();
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host}:${this.port}`;
  }

  script(...scripts: Script[]): void {
    this.book.push(...scripts);
  }

  pendingScripts(): Script[] {
    return this.book.pending();
  }

  clearScripts(): void {
    this.book.clear();
  }

  clearRequests(): void {
    this.log.clear();
  }

  reset(): void {
    this.clearScripts();
    this.clearRequests();
    this.state = this.freshState();
  }

  describe(): Record<string, unknown> {
    return { dialect: this.dialect, flavor: this.state.defaultFlavor, url: this.url, models: this.state.models };
  }

  async close(): Promise<void> {
    this.shutdown.abort();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private freshState(): SimulatorState {
    const models = this.options.models ?? defaultModels[this.options.dialect];
    return new SimulatorState(this.options.apiKey, models, this.options.flavor ?? 'openai');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const incoming = await readIncoming(req);
      if (incoming.url.pathname.startsWith(controlPrefix)) return handleControl(incoming, res, this);
      const module = dialectModules[this.dialect];
      const endpoint = module.resolve(incoming, this.state);
      const entry = this.log.record(incoming, {
        ...(endpoint?.model === undefined ? {} : { model: endpoint.model }),
        ...(endpoint?.flavor === undefined ? {} : { flavor: endpoint.flavor }),
        stream: endpoint?.stream ?? false,
      });
      if (endpoint === undefined) return sendAnswer(res, module.notFound(incoming));
      const denied = endpoint.authenticate(this.state.apiKey);
      if (denied !== undefined) return sendAnswer(res, denied);
      const script = this.book.take({ ...(endpoint.model === undefined ? {} : { model: endpoint.model }), path: incoming.url.pathname });
      if (script !== undefined) entry.script = script;
      if (!(await pause(script?.latencyBeforeHeadersMs ?? 0, this.shutdown.signal))) return;
      if (script?.stall === true) return;
      const scripted = scriptedAnswer(script, endpoint, incoming);
      if (scripted !== undefined) return sendAnswer(res, scripted, script?.headers);
      await endpoint.serve({ incoming, res, script, state: this.state, signal: this.shutdown.signal });
    } catch (error) {
      failLoudly(res, error);
    }
  }
}

/**
 * A script's fixed answer: a raw body, a provider error by kind, or by bare error status. With
 * `streamErrorAfterChunks` on a streaming request the kind names the in-stream error instead.
 */
function scriptedAnswer(script: Script | undefined, endpoint: Endpoint, incoming: Incoming): HttpAnswer | undefined {
  if (script === undefined) return undefined;
  if (script.body !== undefined) return rawAnswer(script.status ?? 200, fillEchoes(script.body, incoming));
  if (script.streamErrorAfterChunks !== undefined && endpoint.stream) return undefined;
  if (script.errorKind !== undefined) return endpoint.errorAnswer(script.errorKind, script.status);
  if (script.status !== undefined && script.status >= 400) return endpoint.errorAnswer(kindForStatus(script.status), script.status);
  return undefined;
}

/** A simulator bug must not look like a provider answer. */
function failLoudly(res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`simulator error: ${message}\n`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(599, { 'content-type': 'text/plain' });
  res.end(`simulator error: ${message}`);
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const simulator = new SimulatorServer(options);
  await simulator.listen();
  return simulator;
}
