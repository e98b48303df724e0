// The corpus: the 1,600 chat requests of shared/eval/routing/dev.jsonl (real-sized: system
// prompts, multi-turn, English and Chinese, 10 to ~2,000 tokens), each as a chat request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_PATH = join(import.meta.dirname, '../../../shared/eval/routing/dev.jsonl');

export function loadCorpus(path = DEV_PATH) {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line))
    .map((item) => ({ id: item.id, route: item.route, request: { model: 'm', messages: item.messages } }));
}
