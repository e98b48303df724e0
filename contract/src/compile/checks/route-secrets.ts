import type { Check } from '../context.js';
import { secretRefFindings } from './secret-refs.js';

/** The logging hash key names an existing Secret and key. */
export const routeSecretsExist: Check = (ctx) => [...ctx.routes.values()].flatMap((route) => {
  const ref = route.spec.logging?.hashKeySecretRef;
  return ref ? secretRefFindings(ctx, route, 'logging.hashKeySecretRef', ref) : [];
});
