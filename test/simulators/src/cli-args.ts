import { parseArgs } from 'node:util';
import { isDialect, isOpenAIFlavor } from './dialect.js';
import { parseScripts } from './script.js';
import type { SimulatorOptions } from './server.js';

export const usage = `usage: node test/simulators/dist/main.js --dialect openai|anthropic|gemini [--port 0] [--host 127.0.0.1]
       [--api-key KEY] [--flavor openai|azure|deepseek|mistral|qwen|ollama|groq] [--models a,b] [--script JSON]...`;

export function parseCliArgs(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      dialect: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
      flavor: { type: 'string' },
      models: { type: 'string' },
      script: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const dialect = values.dialect ?? '';
  if (!isDialect(dialect)) throw new Error(`--dialect must be openai, anthropic or gemini\n${usage}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number\n${usage}`);
  const options: SimulatorOptions = { dialect, port, host: values.host };
  if (values['api-key'] !== undefined) options.apiKey = values['api-key'];
  if (values.flavor !== undefined) {
    if (!isOpenAIFlavor(values.flavor)) throw new Error(`unknown --flavor ${values.flavor}\n${usage}`);
    options.flavor = values.flavor;
  }
  if (values.models !== undefined) options.models = values.models.split(',').filter((model) => model !== '');
  if (values.script !== undefined) options.scripts = values.script.flatMap((text) => parseScripts(JSON.parse(text) as unknown));
  return options;
}
