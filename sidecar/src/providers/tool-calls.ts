// Tool-call arguments are JSON strings in OpenAI and JSON objects in Anthropic and Gemini.

import { GatewayError } from '../errors/index.js';
import { isRecord, type JsonObject } from '../openai/index.js';

/**
 * Parses an assistant tool call's `arguments` into the object providers require. An empty
 * string means "no arguments" (what models emit for parameterless tools).
 */
export function parseToolArguments(text: string, param: string): JsonObject {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new GatewayError('invalid_request', `Invalid value for '${param}': arguments must be a JSON object.`, { param });
  }
  if (!isRecord(parsed)) {
    throw new GatewayError('invalid_request', `Invalid value for '${param}': arguments must be a JSON object.`, { param });
  }
  return parsed as JsonObject;
}

/** The text of a tool result, whichever content form the client used. */
export function toolResultText(content: string | readonly { type: 'text'; text: string }[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}
