import { contentText, type Exchange, type LastTurn, type OutputFormat, type ToolChoice, type ToolSpec } from '../conversation.js';
import { arrayAt, isRecord, numberAt, recordAt, stringAt, type JsonRecord } from '../narrow.js';

/** A piece of the prompt in cache order (tools, system, messages); `cached` marks cache_control. */
export interface PromptSegment {
  text: string;
  cached: boolean;
}

export interface MessagesRequest {
  exchange: Exchange;
  segments: PromptSegment[];
  stream: boolean;
}

export type MessagesParse = { ok: true; request: MessagesRequest } | { ok: false; message: string };

export function parseMessagesRequest(body: unknown, needsMaxTokens = true): MessagesParse {
  if (!isRecord(body)) return { ok: false, message: 'There was an error parsing the body of your request: Expecting value: line 1 column 1 (char 0)' };
  const model = stringAt(body, 'model');
  if (model === undefined) return { ok: false, message: 'model: Field required' };
  if (needsMaxTokens && numberAt(body, 'max_tokens') === undefined) return { ok: false, message: 'max_tokens: Field required' };
  if (!Array.isArray(body['messages'])) return { ok: false, message: 'messages: Field required' };
  const messages = body['messages'].filter(isRecord);
  if (messages.length === 0) return { ok: false, message: 'messages: at least one message is required' };
  const tools = parseTools(body);
  const segments = promptSegments(body, messages);
  const exchange: Exchange = {
    model,
    promptText: segments.map((segment) => segment.text).join('\n'),
    lastTurn: lastTurnOf(messages),
    lastUserText: lastUserText(messages),
    toolResult: lastToolResult(messages),
    tools,
    toolChoice: parseToolChoice(recordAt(body, 'tool_choice')),
    output: parseOutput(body),
  };
  const limit = numberAt(body, 'max_tokens');
  if (limit !== undefined) exchange.maxOutputTokens = limit;
  return { ok: true, request: { exchange, segments, stream: body['stream'] === true } };
}

function blocksOf(content: unknown): JsonRecord[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

function blockText(block: JsonRecord): string {
  if (block['type'] === 'tool_use') return `${stringAt(block, 'name') ?? ''} ${JSON.stringify(block['input'] ?? {})}`;
  if (block['type'] === 'tool_result') return contentText(block['content']);
  return stringAt(block, 'text') ?? stringAt(block, 'thinking') ?? '';
}

function promptSegments(body: JsonRecord, messages: JsonRecord[]): PromptSegment[] {
  const tools = arrayAt(body, 'tools').filter(isRecord);
  const system = blocksOf(body['system']);
  const blocks = messages.flatMap((message) => blocksOf(message['content']));
  return [
    ...tools.map((tool) => ({ text: `${stringAt(tool, 'name') ?? ''} ${JSON.stringify(tool['input_schema'] ?? {})}`, cached: tool['cache_control'] !== undefined })),
    ...[...system, ...blocks].map((block) => ({ text: blockText(block), cached: block['cache_control'] !== undefined })),
  ];
}

function lastTurnOf(messages: JsonRecord[]): LastTurn {
  const last = messages.at(-1);
  if (stringAt(last, 'role') === 'assistant') return 'assistant';
  return blocksOf(last?.['content']).some((block) => block['type'] === 'tool_result') ? 'tool_result' : 'user';
}

function lastUserText(messages: JsonRecord[]): string {
  for (const message of messages.toReversed()) {
    if (stringAt(message, 'role') !== 'user') continue;
    const text = blocksOf(message['content']).filter((block) => block['type'] === 'text').map(blockText).join('\n');
    if (text !== '') return text;
  }
  return '';
}

function lastToolResult(messages: JsonRecord[]): string {
  const results = messages.flatMap((message) => blocksOf(message['content'])).filter((block) => block['type'] === 'tool_result');
  const last = results.at(-1);
  return last === undefined ? '' : blockText(last);
}

/** Client tools only: server tools (web search and kin) have a `type` and no `input_schema`. */
function parseTools(body: JsonRecord): ToolSpec[] {
  return arrayAt(body, 'tools').flatMap((tool) => {
    const name = stringAt(tool, 'name');
    const schema = recordAt(tool, 'input_schema');
    return name === undefined || schema === undefined ? [] : [{ name, parameters: schema }];
  });
}

function parseToolChoice(choice: JsonRecord | undefined): ToolChoice {
  const type = stringAt(choice, 'type');
  const name = stringAt(choice, 'name');
  if (type === 'tool' && name !== undefined) return { mode: 'named', name };
  if (type === 'any') return { mode: 'required' };
  if (type === 'none') return { mode: 'none' };
  return { mode: 'auto' };
}

/** Structured outputs: `output_config.format`, or the older beta `output_format`. */
function parseOutput(body: JsonRecord): OutputFormat {
  const format = recordAt(recordAt(body, 'output_config'), 'format') ?? recordAt(body, 'output_format');
  if (stringAt(format, 'type') !== 'json_schema') return { kind: 'text' };
  return { kind: 'json_schema', schema: format?.['schema'] ?? {} };
}
