import { contentText, type Exchange, type LastTurn, type OutputFormat, type ToolChoice, type ToolSpec } from '../conversation.js';
import { arrayAt, isRecord, numberAt, recordAt, stringAt, type JsonRecord } from '../narrow.js';
import type { ErrorDetail } from './errors.js';

export interface ChatRequest {
  exchange: Exchange;
  stream: boolean;
  includeUsage: boolean;
}

export type ChatParse = { ok: true; request: ChatRequest } | { ok: false; detail: ErrorDetail };

function invalid(message: string, param: string | null, code: string | null): ChatParse {
  return { ok: false, detail: { message, type: 'invalid_request_error', param, code } };
}

/** Reads a Chat Completions body; `deployment` stands in for `model` on Azure paths. */
export function parseChatRequest(body: unknown, deployment?: string): ChatParse {
  if (!isRecord(body)) return invalid('We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)', null, null);
  const model = deployment ?? stringAt(body, 'model');
  if (model === undefined || model === '') return invalid('you must provide a model parameter', null, null);
  if (!Array.isArray(body['messages'])) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  const messages = body['messages'].filter(isRecord);
  if (messages.length === 0) return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  const tools = parseTools(body);
  const exchange: Exchange = {
    model,
    promptText: [...messages.map(messageText), ...tools.map((tool) => `${tool.name} ${JSON.stringify(tool.parameters)}`)].join('\n'),
    lastTurn: lastTurnOf(messages),
    lastUserText: contentText(lastWithRole(messages, ['user'])?.['content']),
    toolResult: contentText(lastWithRole(messages, ['tool', 'function'])?.['content']),
    tools,
    toolChoice: parseToolChoice(body['tool_choice']),
    output: parseOutput(recordAt(body, 'response_format')),
  };
  const limit = numberAt(body, 'max_completion_tokens') ?? numberAt(body, 'max_tokens');
  if (limit !== undefined) exchange.maxOutputTokens = limit;
  const stream = body['stream'] === true;
  const includeUsage = recordAt(body, 'stream_options')?.['include_usage'] === true;
  return { ok: true, request: { exchange, stream, includeUsage } };
}

function messageText(message: JsonRecord): string {
  const calls = arrayAt(message, 'tool_calls').map((call) => JSON.stringify(recordAt(call, 'function') ?? {}));
  return [contentText(message['content']), ...calls].filter((text) => text !== '').join('\n');
}

function lastWithRole(messages: JsonRecord[], roles: string[]): JsonRecord | undefined {
  return messages.findLast((message) => roles.includes(stringAt(message, 'role') ?? ''));
}

function lastTurnOf(messages: JsonRecord[]): LastTurn {
  const role = stringAt(messages.at(-1), 'role');
  if (role === 'tool' || role === 'function') return 'tool_result';
  if (role === 'user') return 'user';
  if (role === 'assistant') return 'assistant';
  return 'none';
}

function parseTools(body: JsonRecord): ToolSpec[] {
  return arrayAt(body, 'tools').flatMap((tool) => {
    const fn = recordAt(tool, 'function');
    const name = stringAt(fn, 'name');
    return name === undefined ? [] : [{ name, parameters: fn?.['parameters'] ?? {} }];
  });
}

function parseToolChoice(choice: unknown): ToolChoice {
  if (choice === 'none' || choice === 'required' || choice === 'auto') return { mode: choice };
  const name = stringAt(recordAt(choice, 'function'), 'name');
  return name === undefined ? { mode: 'auto' } : { mode: 'named', name };
}

function parseOutput(format: JsonRecord | undefined): OutputFormat {
  const type = stringAt(format, 'type');
  if (type === 'json_object') return { kind: 'json_object' };
  if (type === 'json_schema') return { kind: 'json_schema', schema: recordAt(format, 'json_schema')?.['schema'] ?? {} };
  return { kind: 'text' };
}
