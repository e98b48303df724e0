// Canonical → Azure OpenAI: the deployment and api-version are in the URL, the key goes in
// `api-key`, and the body names no model (the deployment fixes it).

import type { ChatCompletionRequest } from '../../openai/index.js';
import type { Target, UpstreamRequest } from '../adapter.js';
import { joinURL, postJson } from '../http.js';
import { OPENAI_QUIRKS, toOpenAIFamilyBody, type OpenAIFamilyQuirks } from '../openai/index.js';

// Used when a target names no api-version; the config schema normally requires one.
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export const AZURE_QUIRKS: OpenAIFamilyQuirks = { ...OPENAI_QUIRKS, name: 'azure-openai' };

/** `{resource}.openai.azure.com/openai/deployments/{deployment}/{operation}?api-version=…` */
export function azureURL(target: Target, operation: 'chat/completions' | 'embeddings'): string {
  const root = /\/openai\/?$/.test(target.baseURL) ? target.baseURL : joinURL(target.baseURL, 'openai');
  const deployment = encodeURIComponent(target.deployment ?? target.model);
  const version = encodeURIComponent(target.apiVersion ?? DEFAULT_AZURE_API_VERSION);
  return `${joinURL(root, `deployments/${deployment}/${operation}`)}?api-version=${version}`;
}

export function azureHeaders(target: Target): Record<string, string> {
  return { 'api-key': target.apiKey };
}

export function toAzureRequest(request: ChatCompletionRequest, target: Target): UpstreamRequest {
  const body = toOpenAIFamilyBody(request, target, AZURE_QUIRKS, { includeModel: false });
  return postJson(azureURL(target, 'chat/completions'), azureHeaders(target), body);
}
