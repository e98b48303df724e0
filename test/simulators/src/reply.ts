import type { Exchange, ToolSpec } from './conversation.js';
import { isRecord, type JsonRecord } from './narrow.js';
import { exampleFor } from './schema-example.js';
import { estimateTokens, firstWords } from './tokens.js';

export interface TextReply {
  kind: 'text';
  text: string;
  /** Cut short by the request's output-token limit. */
  truncated: boolean;
}

export interface ToolCallReply {
  kind: 'tool_call';
  name: string;
  arguments: JsonRecord;
  argumentsJson: string;
}

/** The deterministic answer to one request, shared by its stream and non-stream renderings. */
export interface Plan {
  reply: TextReply | ToolCallReply;
  /** Reasoning text, for flavors that stream it; '' when the flavor has none. */
  reasoning: string;
  inputTokens: number;
  /** Tokens of the visible reply, excluding reasoning. */
  replyTokens: number;
  reasoningTokens: number;
}

export interface PlanOptions {
  /** Who answers, e.g. "openai", "deepseek", "anthropic": part of the deterministic text. */
  speaker: string;
  reasoning: boolean;
}

export function planReply(exchange: Exchange, options: PlanOptions): Plan {
  const reply = chooseReply(exchange, options.speaker);
  const reasoning = options.reasoning ? `Considering: ${firstWords(exchange.lastUserText, 6)}` : '';
  return {
    reply,
    reasoning,
    inputTokens: estimateTokens(exchange.promptText),
    replyTokens: reply.kind === 'text' ? estimateTokens(reply.text) : estimateTokens(reply.name + reply.argumentsJson),
    reasoningTokens: estimateTokens(reasoning),
  };
}

function chooseReply(exchange: Exchange, speaker: string): TextReply | ToolCallReply {
  const tool = toolToCall(exchange);
  if (tool !== undefined) {
    const example = exampleFor(tool.parameters);
    const args = isRecord(example) ? example : {};
    return { kind: 'tool_call', name: tool.name, arguments: args, argumentsJson: JSON.stringify(args) };
  }
  return limitText(replyText(exchange, speaker), exchange.maxOutputTokens);
}

function toolToCall(exchange: Exchange): ToolSpec | undefined {
  const choice = exchange.toolChoice;
  if (exchange.tools.length === 0 || choice.mode === 'none' || exchange.lastTurn === 'tool_result') return undefined;
  if (choice.mode === 'auto' && exchange.lastTurn !== 'user') return undefined;
  if (choice.mode === 'named') return exchange.tools.find((tool) => tool.name === choice.name) ?? exchange.tools[0];
  return exchange.tools[0];
}

function replyText(exchange: Exchange, speaker: string): string {
  const greeting = `Hello from ${speaker} ${exchange.model}:`;
  const sentence =
    exchange.lastTurn === 'tool_result'
      ? `${greeting} the tool returned ${exchange.toolResult}`
      : `${greeting} ${firstWords(exchange.lastUserText, 8)}`;
  const output = exchange.output;
  if (output.kind === 'json_schema') return JSON.stringify(exampleFor(output.schema));
  if (output.kind === 'json_object') return JSON.stringify({ message: sentence });
  return sentence;
}

function limitText(text: string, maxOutputTokens: number | undefined): TextReply {
  if (maxOutputTokens === undefined || estimateTokens(text) <= maxOutputTokens) return { kind: 'text', text, truncated: false };
  return { kind: 'text', text: text.slice(0, maxOutputTokens * 4), truncated: true };
}
