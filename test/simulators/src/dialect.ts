export const dialects = ['openai', 'anthropic', 'gemini'] as const;
export type Dialect = (typeof dialects)[number];

/** OpenAI-compatible providers whose wire quirks the openai dialect reproduces. */
export const openAIFlavors = ['openai', 'azure', 'deepseek', 'mistral', 'qwen', 'ollama', 'groq'] as const;
export type OpenAIFlavor = (typeof openAIFlavors)[number];

export function isDialect(value: string): value is Dialect {
  return (dialects as readonly string[]).includes(value);
}

export function isOpenAIFlavor(value: string): value is OpenAIFlavor {
  return (openAIFlavors as readonly string[]).includes(value);
}
