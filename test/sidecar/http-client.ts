// Raw HTTP against the sidecar, for tests that need what an SDK hides: exact status, headers
// and body text, and requests no SDK would send.

import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

export async function send(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { status: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(url, { body: JSON.stringify(body), headers });
}

/** node:http, for requests fetch refuses to send (oversized headers). */
export function sendRaw(url: string, headers: Record<string, string>, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flatten(res.headers), text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]]));
}

export interface OpenAIErrorShape {
  error: { message: string; type: string; param: string | null; code: string };
}

export function errorOf(response: RawResponse): OpenAIErrorShape['error'] {
  return (JSON.parse(response.text) as OpenAIErrorShape).error;
}

/** SSE `data:` payloads of a stream body, in order. */
export function sseData(text: string): string[] {
  return text.split('\n\n').filter((frame) => frame.startsWith('data: ')).map((frame) => frame.slice('data: '.length));
}
