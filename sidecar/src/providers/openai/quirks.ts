// What differs between members of the OpenAI-compatible family on the request side. Response
// and stream differences are absorbed by one tolerant reader (stream-normalize.ts), because
// normalising them is harmless for everyone; request differences are not.

export interface OpenAIFamilyQuirks {
  /** `openai`, `openai-compatible/deepseek`, … */
  readonly name: string;
  /** Canonical field → the provider's spelling. */
  readonly renamedFields: Readonly<Record<string, string>>;
  /** Canonical fields the provider rejects. */
  readonly droppedFields: readonly string[];
  /** The provider honours stream_options.include_usage (else it must not be sent). */
  readonly streamOptions: boolean;
  /** The provider predates the `developer` role; send it as `system`. */
  readonly developerAsSystem: boolean;
  /** The provider accepts assistant `reasoning_content` replayed from earlier turns. */
  readonly replaysReasoning: boolean;
  readonly embeddings: boolean;
}

export const OPENAI_QUIRKS: OpenAIFamilyQuirks = {
  name: 'openai',
  renamedFields: {},
  droppedFields: [],
  streamOptions: true,
  developerAsSystem: false,
  replaysReasoning: false,
  embeddings: true,
};
