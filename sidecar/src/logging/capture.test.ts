import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capturedText, tapRequest, tapResponse, type CapturedBytes } from './capture.js';

let server: Server;
let url = '';
const seen: { request: CapturedBytes; response: CapturedBytes; read: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const request = tapRequest(req, 16);
    const response = tapResponse(res, 1024);
    // The pipeline may await before it reads the body: the tap must not have consumed it by then.
    setTimeout(() => {
      let read = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (read += chunk));
      req.on('end', () => {
        seen.push({ request, response, read });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('part one, ');
        res.end(Buffer.from('part two'));
      });
    }, 30);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('body taps', () => {
  it('leave the whole body to a reader that attaches late, keep its first bytes up to the cap, and record the response', async () => {
    const body = 'a request body longer than the cap';
    const response = await fetch(url, { method: 'POST', body });
    expect(await response.text()).toBe('part one, part two');
    const [entry] = seen;
    expect(entry?.read).toBe(body);
    expect(capturedText(entry!.request)).toBe(body.slice(0, 16));
    expect(entry?.request.truncated).toBe(true);
    expect(capturedText(entry!.response)).toBe('part one, part two');
    expect(entry?.response.truncated).toBe(false);
  });
});
