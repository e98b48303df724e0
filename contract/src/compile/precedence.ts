// Which of two routes wins a model name: the more specific (more header matches), then the
// older (creationTimestamp, RFC 3339 so text order is time order; none counts as newest), then
// the name. Gateway API resolves conflicts the same way.
import type { ModelRoute } from '../api/types.js';
import { compareText } from './order.js';

const NEWEST = '\uffff';

export function compareRoutePrecedence(a: ModelRoute, b: ModelRoute): number {
  return (b.spec.match.headers?.length ?? 0) - (a.spec.match.headers?.length ?? 0)
    || compareText(a.metadata.creationTimestamp ?? NEWEST, b.metadata.creationTimestamp ?? NEWEST)
    || compareText(a.metadata.name, b.metadata.name);
}

/** Header matches as one comparable key: lower-case names, sorted. */
export function headerKey(route: ModelRoute): string {
  return JSON.stringify((route.spec.match.headers ?? [])
    .map((header) => [header.name.toLowerCase(), header.value])
    .sort((x, y) => compareText(x[0]!, y[0]!) || compareText(x[1]!, y[1]!)));
}
