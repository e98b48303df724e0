// OpenAI-family embeddings: the client's body goes upstream as is (model swapped), the reply
// comes back as is.

import { GatewayError } from '../../errors/index.js';
import { isRecord, readString } from '../../openai/index.js';
import type { EmbeddingsRequest, EmbeddingsResponse, ResponseContext } from '../../openai/index.js';
import type { EmbeddingsAdapter, Target, UpstreamRequest } from '../adapter.js';
import { joinURL, postJson } from '../http.js';
import { bearerHeaders } from './request.js';

export interface EmbeddingsRoute {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** Azure names the deployment in the URL and wants no model in the body. */
  readonly includeModel: boolean;
}

export function createFamilyEmbeddings(routeFor: (target: Target) => EmbeddingsRoute): EmbeddingsAdapter {
  return {
    toUpstreamRequest(request: EmbeddingsRequest, target: Target): UpstreamRequest {
      const route = routeFor(target);
      const { model: _model, ...rest } = request;
      return postJson(route.url, route.headers, route.includeModel ? { ...rest, model: target.model } : rest);
    },
    fromUpstreamResponse(body: unknown, _request: EmbeddingsRequest, ctx: ResponseContext): EmbeddingsResponse {
      if (!isRecord(body) || !Array.isArray(body.data)) {
        throw new GatewayError('upstream_invalid_response', 'The upstream reply is not an embeddings list.');
      }
      const usage = isRecord(body.usage) ? body.usage : {};
      return {
        ...body,
        object: 'list',
        data: body.data as EmbeddingsResponse['data'],
        model: readString(body, 'model') ?? ctx.model,
        usage: {
          prompt_tokens: typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : 0,
          total_tokens: typeof usage.total_tokens === 'number' ? usage.total_tokens : 0,
        },
      };
    },
  };
}

export const openAIFamilyEmbeddings = createFamilyEmbeddings((target) => ({
  url: joinURL(target.baseURL, 'embeddings'),
  headers: bearerHeaders(target),
  includeModel: true,
}));
