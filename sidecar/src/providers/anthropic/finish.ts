import type { FinishReason } from '../../openai/index.js';

const FINISH_BY_STOP_REASON: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export function toFinishReason(stopReason: string | undefined): FinishReason {
  return (stopReason === undefined ? undefined : FINISH_BY_STOP_REASON[stopReason]) ?? 'stop';
}
