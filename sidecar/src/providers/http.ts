// URL and request-envelope helpers shared by the provider request translators.

import type { UpstreamRequest } from './adapter.js';

/** Joins an API root and a path without doubling or dropping slashes. */
export function joinURL(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * The versioned API root: configs may name the host (`https://api.anthropic.com`) or the
 * versioned root (`…/v1`); both must reach the same endpoint.
 */
export function versionedRoot(baseURL: string, version: string): string {
  const trimmed = baseURL.replace(/\/+$/, '');
  return /\/v\d+(beta\d*|alpha\d*)?$/.test(trimmed) ? trimmed : `${trimmed}/${version}`;
}

export function postJson(url: string, headers: Record<string, string>, body: unknown): UpstreamRequest {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
