// node:http taken with require(), not `import`. An ESM import of a builtin builds its namespace
// from every export, and node:http's lazy `WebSocket`, `CloseEvent` and `MessageEvent` exports
// then load Node's bundled undici and web streams: ~12 MiB of RSS and ~90 ms of CPU at startup
// that the server never uses (docs/adr/0007-precompiled-validators.md).
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export const { createServer, STATUS_CODES } = http;
