// Validation of `messages`: roles, content forms per role, tool calls and tool results.

import { isRecord } from './json.js';
import { checkRequiredString, checkString, invalidType, invalidValue, missing, type Invalid } from './validate-fields.js';

const ROLES = "'system', 'developer', 'user', 'assistant' and 'tool'";

export function checkMessages(value: unknown): Invalid | undefined {
  if (value === undefined || value === null) return missing('messages');
  if (!Array.isArray(value)) return invalidType('messages', 'an array');
  if (value.length === 0) return invalidValue('messages', 'expected an array with at least one message.');
  const toolCallIds = new Set<string>();
  for (const [i, message] of value.entries()) {
    const invalid = checkMessage(message, `messages[${i}]`, toolCallIds);
    if (invalid !== undefined) return invalid;
  }
  return undefined;
}

function checkMessage(message: unknown, at: string, toolCallIds: Set<string>): Invalid | undefined {
  if (!isRecord(message)) return invalidType(at, 'an object');
  const role = message.role;
  if (role === undefined) return missing(`${at}.role`);
  if (typeof role !== 'string') return invalidType(`${at}.role`, 'a string');
  const name = checkString(message, 'name', `${at}.name`);
  if (name !== undefined) return name;
  switch (role) {
    case 'system':
    case 'developer':
      return checkTextContent(message.content, `${at}.content`);
    case 'user':
      return checkUserContent(message.content, `${at}.content`);
    case 'assistant':
      return checkAssistant(message, at, toolCallIds);
    case 'tool':
      return checkToolResult(message, at, toolCallIds);
    default:
      return invalidValue(`${at}.role`, `'${role}' is not a role. Supported values are ${ROLES}.`);
  }
}

function checkTextContent(content: unknown, param: string): Invalid | undefined {
  if (content === undefined || content === null) return missing(param);
  if (typeof content === 'string') return undefined;
  if (!Array.isArray(content)) return invalidType(param, 'a string or an array of text parts');
  for (const [j, part] of content.entries()) {
    const invalid = checkTextPart(part, `${param}[${j}]`);
    if (invalid !== undefined) return invalid;
  }
  return undefined;
}

function checkTextPart(part: unknown, at: string): Invalid | undefined {
  if (!isRecord(part)) return invalidType(at, 'an object');
  if (part.type !== 'text') return invalidValue(`${at}.type`, "expected 'text'.");
  return checkRequiredString(part, 'text', `${at}.text`);
}

function checkUserContent(content: unknown, param: string): Invalid | undefined {
  if (content === undefined || content === null) return missing(param);
  if (typeof content === 'string') return undefined;
  if (!Array.isArray(content)) return invalidType(param, 'a string or an array of content parts');
  if (content.length === 0) return invalidValue(param, 'expected an array with at least one content part.');
  for (const [j, part] of content.entries()) {
    const invalid = checkUserPart(part, `${param}[${j}]`);
    if (invalid !== undefined) return invalid;
  }
  return undefined;
}

function checkUserPart(part: unknown, at: string): Invalid | undefined {
  if (!isRecord(part)) return invalidType(at, 'an object');
  switch (part.type) {
    case 'text':
      return checkRequiredString(part, 'text', `${at}.text`);
    case 'image_url':
      return checkImageURL(part.image_url, `${at}.image_url`);
    case 'input_audio':
      if (!isRecord(part.input_audio)) return invalidType(`${at}.input_audio`, 'an object');
      return (
        checkRequiredString(part.input_audio, 'data', `${at}.input_audio.data`) ??
        checkRequiredString(part.input_audio, 'format', `${at}.input_audio.format`)
      );
    default:
      return invalidValue(`${at}.type`, "supported content part types are 'text', 'image_url' and 'input_audio'.");
  }
}

function checkImageURL(image: unknown, at: string): Invalid | undefined {
  if (!isRecord(image)) return invalidType(at, 'an object');
  const url = checkRequiredString(image, 'url', `${at}.url`);
  if (url !== undefined) return url;
  const detail = image.detail;
  if (detail === undefined || detail === 'auto' || detail === 'low' || detail === 'high') return undefined;
  return invalidValue(`${at}.detail`, "expected 'auto', 'low' or 'high'.");
}

function checkAssistant(message: Record<string, unknown>, at: string, toolCallIds: Set<string>): Invalid | undefined {
  const content = message.content;
  if (content !== undefined && content !== null && typeof content !== 'string') {
    if (!Array.isArray(content)) return invalidType(`${at}.content`, 'a string, null or an array of text parts');
    for (const [j, part] of content.entries()) {
      const partAt = `${at}.content[${j}]`;
      if (isRecord(part) && part.type === 'refusal') {
        const refusal = checkRequiredString(part, 'refusal', `${partAt}.refusal`);
        if (refusal !== undefined) return refusal;
        continue;
      }
      const invalid = checkTextPart(part, partAt);
      if (invalid !== undefined) return invalid;
    }
  }
  const toolCalls = message.tool_calls;
  if (toolCalls === undefined || toolCalls === null) return undefined;
  if (!Array.isArray(toolCalls)) return invalidType(`${at}.tool_calls`, 'an array');
  for (const [k, call] of toolCalls.entries()) {
    const invalid = checkToolCall(call, `${at}.tool_calls[${k}]`);
    if (invalid !== undefined) return invalid;
    if (isRecord(call) && typeof call.id === 'string') toolCallIds.add(call.id);
  }
  return undefined;
}

function checkToolCall(call: unknown, at: string): Invalid | undefined {
  if (!isRecord(call)) return invalidType(at, 'an object');
  const id = checkRequiredString(call, 'id', `${at}.id`);
  if (id !== undefined) return id;
  if (call.type !== 'function') return invalidValue(`${at}.type`, "expected 'function'.");
  const fn = call.function;
  if (!isRecord(fn)) return invalidType(`${at}.function`, 'an object');
  return checkRequiredString(fn, 'name', `${at}.function.name`) ?? checkRequiredString(fn, 'arguments', `${at}.function.arguments`);
}

function checkToolResult(message: Record<string, unknown>, at: string, toolCallIds: Set<string>): Invalid | undefined {
  const toolCallId = message.tool_call_id;
  if (toolCallId === undefined || toolCallId === null) return missing(`${at}.tool_call_id`);
  if (typeof toolCallId !== 'string') return invalidType(`${at}.tool_call_id`, 'a string');
  // Providers that key results by function name (Gemini) need the call this answers.
  if (!toolCallIds.has(toolCallId)) {
    return invalidValue(`${at}.tool_call_id`, 'a tool message must answer a tool call of an earlier assistant message.');
  }
  return checkTextContent(message.content, `${at}.content`);
}
