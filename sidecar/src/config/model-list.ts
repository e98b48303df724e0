// The OpenAI `GET /v1/models` answer: every alias the config serves. Built once per config.

import type { SidecarConfig } from '@switchyard/contract';

interface ModelEntry {
  id: string;
  object: 'model';
  /** OpenAI sends the model's creation time; an alias has none, and 0 keeps the body stable. */
  created: number;
  owned_by: string;
}

export function buildModelList(config: SidecarConfig): string {
  const data: ModelEntry[] = config.aliases.map((entry) => ({ id: entry.alias, object: 'model', created: 0, owned_by: 'switchyard' }));
  return JSON.stringify({ object: 'list', data });
}
