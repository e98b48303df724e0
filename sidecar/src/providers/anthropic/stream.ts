// Anthropic stream events → canonical chunks.
// - message_start carries id, model and the input side of usage; message_delta carries the
//   stop reason and the final cumulative output_tokens (and, lately, repeats the input side).
// - Text, thinking and tool_use blocks share one index sequence; tool calls get their own
//   0-based OpenAI index. Tool input streams as input_json_delta fragments split anywhere, the
//   first often "", and a parameterless tool gets only "", which must reach the client as {}.
// - ping may come anywhere or not at all; unknown events are ignored (new ones do appear).
// - `event: error` after the 200 becomes a coded GatewayError.

import { GatewayError, toGatewayError } from '../../errors/index.js';
import { isRecord, readNumber, readRecord, readString } from '../../openai/index.js';
import type { ChatCompletionChunk, StreamContext, Usage } from '../../openai/index.js';
import type { StreamTranslator, UpstreamEvent } from '../adapter.js';
import { deltaChunk, finishChunk, usageChunk, type ChunkIdentity } from '../chunks.js';
import { classifyAnthropicError, statusOfAnthropicErrorType } from './errors.js';
import { toFinishReason } from './finish.js';
import { toOpenAIUsage } from './usage.js';

type Block = { kind: 'text' | 'thinking' | 'ignored' } | { kind: 'tool'; toolIndex: number; args: string };

export function createAnthropicStreamTranslator(ctx: StreamContext): StreamTranslator {
  let identity: ChunkIdentity = { id: `chatcmpl-${ctx.requestId}`, created: ctx.created, model: ctx.model };
  const blocks = new Map<number, Block>();
  let nextToolIndex = 0;
  let rawUsage: Record<string, unknown> = {};
  let finished = false;

  const delta = (d: ChatCompletionChunk['choices'][number]['delta']) => [deltaChunk(identity, d)];

  function onMessageStart(data: Record<string, unknown>): ChatCompletionChunk[] {
    const message = readRecord(data, 'message') ?? {};
    identity = { id: readString(message, 'id') ?? identity.id, created: ctx.created, model: readString(message, 'model') ?? ctx.model };
    rawUsage = { ...readRecord(message, 'usage') };
    return delta({ role: 'assistant', content: '' });
  }

  function onBlockStart(data: Record<string, unknown>): ChatCompletionChunk[] {
    const index = readNumber(data, 'index') ?? blocks.size;
    const block = readRecord(data, 'content_block') ?? {};
    if (block.type === 'tool_use') {
      const toolIndex = nextToolIndex++;
      blocks.set(index, { kind: 'tool', toolIndex, args: '' });
      const fn = { name: readString(block, 'name') ?? '', arguments: '' };
      return delta({ tool_calls: [{ index: toolIndex, id: readString(block, 'id') ?? '', type: 'function', function: fn }] });
    }
    if (block.type === 'text' || block.type === 'thinking') {
      blocks.set(index, { kind: block.type });
      const initial = readString(block, block.type) ?? '';
      if (initial === '') return [];
      return delta(block.type === 'text' ? { content: initial } : { reasoning_content: initial });
    }
    // server_tool_use, web_search_tool_result, redacted_thinking: nothing the client can use.
    blocks.set(index, { kind: 'ignored' });
    return [];
  }

  function onBlockDelta(data: Record<string, unknown>): ChatCompletionChunk[] {
    const block = blocks.get(readNumber(data, 'index') ?? -1);
    const d = readRecord(data, 'delta') ?? {};
    const text = readString(d, 'text') ?? readString(d, 'thinking') ?? readString(d, 'partial_json') ?? '';
    if (block === undefined || text === '') return [];
    if (block.kind === 'tool' && d.type === 'input_json_delta') {
      block.args += text;
      return delta({ tool_calls: [{ index: block.toolIndex, function: { arguments: text } }] });
    }
    if (block.kind === 'text' && d.type === 'text_delta') return delta({ content: text });
    if (block.kind === 'thinking' && d.type === 'thinking_delta') return delta({ reasoning_content: text });
    return [];
  }

  function onBlockStop(data: Record<string, unknown>): ChatCompletionChunk[] {
    const block = blocks.get(readNumber(data, 'index') ?? -1);
    if (block?.kind !== 'tool' || block.args.trim() !== '') return [];
    return delta({ tool_calls: [{ index: block.toolIndex, function: { arguments: '{}' } }] });
  }

  function onMessageDelta(data: Record<string, unknown>): ChatCompletionChunk[] {
    rawUsage = { ...rawUsage, ...readRecord(data, 'usage') };
    finished = true;
    return [finishChunk(identity, toFinishReason(readString(readRecord(data, 'delta') ?? {}, 'stop_reason')))];
  }

  function push(event: UpstreamEvent): ChatCompletionChunk[] {
    const data = event.data;
    if (!isRecord(data)) throw new GatewayError('upstream_invalid_response', 'The upstream stream sent a non-object event.');
    switch (data.type) {
      case 'message_start':
        return onMessageStart(data);
      case 'content_block_start':
        return onBlockStart(data);
      case 'content_block_delta':
        return onBlockDelta(data);
      case 'content_block_stop':
        return onBlockStop(data);
      case 'message_delta':
        return onMessageDelta(data);
      case 'error':
        throw streamError(data);
      default:
        return [];
    }
  }

  const usage = (): Usage | undefined => (Object.keys(rawUsage).length === 0 ? undefined : toOpenAIUsage(rawUsage));

  return {
    push,
    finish() {
      if (!finished) throw new GatewayError('stream_interrupted', 'The upstream stream ended before message_delta.');
      const total = usage();
      return ctx.includeUsage && total !== undefined ? [usageChunk(identity, total)] : [];
    },
    usage,
  };
}

function streamError(data: Record<string, unknown>): GatewayError {
  const type = readString(readRecord(data, 'error') ?? {}, 'type');
  return toGatewayError(classifyAnthropicError(statusOfAnthropicErrorType(type), undefined, JSON.stringify(data)));
}
