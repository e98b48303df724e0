// The dialect-neutral view of a chat request that the answer is planned from.

export interface ToolSpec {
  name: string;
  parameters: unknown;
}

export type ToolChoice = { mode: 'auto' | 'none' | 'required' } | { mode: 'named'; name: string };

export type OutputFormat = { kind: 'text' } | { kind: 'json_object' } | { kind: 'json_schema'; schema: unknown };

export type LastTurn = 'user' | 'tool_result' | 'assistant' | 'none';

export interface Exchange {
  model: string;
  /** Every input text (system, messages, tool results, tool schemas) for token counting. */
  promptText: string;
  lastTurn: LastTurn;
  lastUserText: string;
  /** Text of the most recent tool result. */
  toolResult: string;
  tools: ToolSpec[];
  toolChoice: ToolChoice;
  output: OutputFormat;
  maxOutputTokens?: number;
}

/** Text of content given as a string or as typed parts (`{type:"text", text}` and kin). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? '' : JSON.stringify(content);
  return content.map(partText).filter((text) => text !== '').join('\n');
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (typeof part !== 'object' || part === null) return '';
  const text = (part as { text?: unknown }).text;
  if (typeof text === 'string') return text;
  const nested = (part as { content?: unknown }).content;
  return nested === undefined ? '' : contentText(nested);
}
