import type { Exchange, LastTurn, OutputFormat, ToolChoice, ToolSpec } from '../conversation.js';
import { arrayAt, eitherAt, isRecord, numberAt, stringAt, type JsonRecord } from '../narrow.js';

// The REST surface takes camelCase and snake_case field names alike.

export type GenerateParse = { ok: true; exchange: Exchange } | { ok: false; message: string };

export function parseGenerateRequest(body: unknown, model: string): GenerateParse {
  if (!isRecord(body)) return { ok: false, message: 'Invalid JSON payload received. Unexpected token.' };
  const contents = arrayAt(body, 'contents').filter(isRecord);
  if (contents.length === 0) return { ok: false, message: '* GenerateContentRequest.contents: contents is not specified\n' };
  const tools = parseTools(body);
  const system = eitherAt(body, 'systemInstruction', 'system_instruction');
  const exchange: Exchange = {
    model,
    promptText: [contentText(system), ...contents.map(contentText), ...tools.map((tool) => `${tool.name} ${JSON.stringify(tool.parameters)}`)].join('\n'),
    lastTurn: lastTurnOf(contents),
    lastUserText: lastUserText(contents),
    toolResult: lastFunctionResponse(contents),
    tools,
    toolChoice: parseToolChoice(body),
    output: parseOutput(generationConfig(body)),
  };
  const limit = numberAt(generationConfig(body), 'maxOutputTokens') ?? numberAt(generationConfig(body), 'max_output_tokens');
  if (limit !== undefined) exchange.maxOutputTokens = limit;
  return { ok: true, exchange };
}

function generationConfig(body: JsonRecord): JsonRecord | undefined {
  const config = eitherAt(body, 'generationConfig', 'generation_config');
  return isRecord(config) ? config : undefined;
}

function partText(part: unknown): string {
  const text = stringAt(part, 'text');
  if (text !== undefined) return text;
  const call = eitherAt(part, 'functionCall', 'function_call');
  if (call !== undefined) return JSON.stringify(call);
  const response = eitherAt(part, 'functionResponse', 'function_response');
  return response === undefined ? '' : JSON.stringify(response);
}

function contentText(content: unknown): string {
  return arrayAt(content, 'parts').map(partText).filter((text) => text !== '').join('\n');
}

function functionResponses(content: JsonRecord): JsonRecord[] {
  return arrayAt(content, 'parts').flatMap((part) => {
    const response = eitherAt(part, 'functionResponse', 'function_response');
    return isRecord(response) ? [response] : [];
  });
}

function lastTurnOf(contents: JsonRecord[]): LastTurn {
  const last = contents.at(-1);
  if (last === undefined) return 'none';
  if (functionResponses(last).length > 0) return 'tool_result';
  return stringAt(last, 'role') === 'model' ? 'assistant' : 'user';
}

function lastUserText(contents: JsonRecord[]): string {
  for (const content of contents.toReversed()) {
    if (stringAt(content, 'role') === 'model') continue;
    const text = arrayAt(content, 'parts').map((part) => stringAt(part, 'text') ?? '').filter((t) => t !== '').join('\n');
    if (text !== '') return text;
  }
  return '';
}

function lastFunctionResponse(contents: JsonRecord[]): string {
  const response = contents.flatMap(functionResponses).at(-1);
  return response === undefined ? '' : JSON.stringify(response['response'] ?? {});
}

function parseTools(body: JsonRecord): ToolSpec[] {
  return arrayAt(body, 'tools').flatMap((tool) => {
    const declarations = eitherAt(tool, 'functionDeclarations', 'function_declarations');
    return (Array.isArray(declarations) ? declarations : []).flatMap((declaration) => {
      const name = stringAt(declaration, 'name');
      const parameters = eitherAt(declaration, 'parametersJsonSchema', 'parameters_json_schema', 'parameters') ?? {};
      return name === undefined ? [] : [{ name, parameters }];
    });
  });
}

function parseToolChoice(body: JsonRecord): ToolChoice {
  const config = eitherAt(eitherAt(body, 'toolConfig', 'tool_config'), 'functionCallingConfig', 'function_calling_config');
  const mode = stringAt(config, 'mode');
  const allowed = eitherAt(config, 'allowedFunctionNames', 'allowed_function_names');
  const only = Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string' ? allowed[0] : undefined;
  if (mode === 'NONE') return { mode: 'none' };
  if (mode === 'ANY') return only === undefined ? { mode: 'required' } : { mode: 'named', name: only };
  return { mode: 'auto' };
}

function parseOutput(config: JsonRecord | undefined): OutputFormat {
  const mime = eitherAt(config, 'responseMimeType', 'response_mime_type');
  if (mime !== 'application/json') return { kind: 'text' };
  const schema = eitherAt(config, 'responseJsonSchema', 'response_json_schema', 'responseSchema', 'response_schema');
  return schema === undefined ? { kind: 'json_object' } : { kind: 'json_schema', schema };
}

/** The text an embedding request embeds: its parts joined. */
export function embeddingText(content: unknown): string {
  return contentText(content);
}
