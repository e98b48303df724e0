// validateChatRequest: the one parse of a chat-completions body. Guard clauses only; the body
// object itself becomes the typed request, so unknown fields survive for pass-through.

import type { ChatCompletionRequest } from './chat.js';
import { isRecord } from './json.js';
import { checkMessages } from './validate-messages.js';
import {
  checkBoolean,
  checkNumber,
  checkObject,
  checkRequiredString,
  checkString,
  invalidType,
  invalidValue,
  missing,
  rejected,
  type Invalid,
  type Validated,
} from './validate-fields.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Checks an already JSON-parsed body against the chat-completions request shape.
 *
 * @example
 * const checked = validateChatRequest(JSON.parse(text));
 * if (!checked.ok) return toOpenAIError(checked.error); // 400 with param, e.g. 'messages[0].role'
 * route(checked.value);
 */
export function validateChatRequest(body: unknown): Validated<ChatCompletionRequest> {
  if (!isRecord(body)) return rejected({ message: 'The request body must be a JSON object.' });
  const invalid =
    checkModel(body) ??
    checkMessages(body.messages) ??
    checkSampling(body) ??
    checkTools(body) ??
    checkResponseFormat(body.response_format) ??
    checkStreaming(body);
  if (invalid !== undefined) return rejected(invalid);
  // Every field the type declares has been checked above.
  return { ok: true, value: body as ChatCompletionRequest };
}

function checkModel(body: Record<string, unknown>): Invalid | undefined {
  const invalid = checkRequiredString(body, 'model', 'model');
  if (invalid !== undefined) return invalid;
  return body.model === '' ? missing('model') : undefined;
}

function checkSampling(body: Record<string, unknown>): Invalid | undefined {
  return (
    checkNumber(body, 'max_tokens', { min: 1, integer: true }) ??
    checkNumber(body, 'max_completion_tokens', { min: 1, integer: true }) ??
    checkNumber(body, 'temperature', { min: 0, max: 2 }) ??
    checkNumber(body, 'top_p', { min: 0, max: 1 }) ??
    checkNumber(body, 'presence_penalty', { min: -2, max: 2 }) ??
    checkNumber(body, 'frequency_penalty', { min: -2, max: 2 }) ??
    checkNumber(body, 'n', { min: 1, max: 128, integer: true }) ??
    checkNumber(body, 'seed', { integer: true }) ??
    checkString(body, 'user', 'user') ??
    checkStop(body.stop)
  );
}

function checkStop(stop: unknown): Invalid | undefined {
  if (stop === undefined || stop === null || typeof stop === 'string') return undefined;
  if (Array.isArray(stop) && stop.every((item) => typeof item === 'string')) return undefined;
  return invalidType('stop', 'a string or an array of strings');
}

function checkTools(body: Record<string, unknown>): Invalid | undefined {
  return checkToolList(body.tools) ?? checkToolChoice(body.tool_choice) ?? checkBoolean(body, 'parallel_tool_calls');
}

function checkToolList(tools: unknown): Invalid | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return invalidType('tools', 'an array');
  for (const [i, tool] of tools.entries()) {
    const invalid = checkTool(tool, `tools[${i}]`);
    if (invalid !== undefined) return invalid;
  }
  return undefined;
}

function checkTool(tool: unknown, at: string): Invalid | undefined {
  if (!isRecord(tool)) return invalidType(at, 'an object');
  if (tool.type !== 'function') return invalidValue(`${at}.type`, "expected 'function'.");
  const fn = tool.function;
  if (!isRecord(fn)) return invalidType(`${at}.function`, 'an object');
  const name = fn.name;
  if (name === undefined || name === null) return missing(`${at}.function.name`);
  if (typeof name !== 'string') return invalidType(`${at}.function.name`, 'a string');
  if (!TOOL_NAME.test(name)) {
    return invalidValue(`${at}.function.name`, 'must be 1-64 characters of a-z, A-Z, 0-9, underscore or dash.');
  }
  const parameters = fn.parameters;
  return (
    checkString(fn, 'description', `${at}.function.description`) ??
    (parameters === undefined ? undefined : checkObject(parameters, `${at}.function.parameters`))
  );
}

function checkToolChoice(choice: unknown): Invalid | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'none' || choice === 'auto' || choice === 'required') return undefined;
  if (typeof choice === 'string') return invalidValue('tool_choice', "expected 'none', 'auto', 'required' or a function.");
  if (!isRecord(choice) || choice.type !== 'function' || !isRecord(choice.function)) {
    return invalidType('tool_choice', "a string or {type: 'function', function: {name}}");
  }
  return checkRequiredString(choice.function, 'name', 'tool_choice.function.name');
}

function checkResponseFormat(format: unknown): Invalid | undefined {
  if (format === undefined || format === null) return undefined;
  if (!isRecord(format)) return invalidType('response_format', 'an object');
  if (format.type === 'text' || format.type === 'json_object') return undefined;
  if (format.type !== 'json_schema') {
    return invalidValue('response_format.type', "expected 'text', 'json_object' or 'json_schema'.");
  }
  const schema = format.json_schema;
  if (!isRecord(schema)) return missing('response_format.json_schema');
  return (
    checkRequiredString(schema, 'name', 'response_format.json_schema.name') ??
    (schema.schema === undefined ? undefined : checkObject(schema.schema, 'response_format.json_schema.schema'))
  );
}

function checkStreaming(body: Record<string, unknown>): Invalid | undefined {
  const invalid = checkBoolean(body, 'stream');
  if (invalid !== undefined) return invalid;
  const options = body.stream_options;
  if (options === undefined || options === null) return undefined;
  if (!isRecord(options)) return invalidType('stream_options', 'an object');
  if (body.stream !== true) {
    return invalidValue('stream_options', "only allowed when 'stream' is true.");
  }
  return checkBoolean(options, 'include_usage') === undefined ? undefined : invalidType('stream_options.include_usage', 'a boolean');
}
