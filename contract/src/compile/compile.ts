// compile(): the snapshot of a namespace → one sidecar config plus a verdict per resource.
// Pure: no I/O, no clock, no randomness; the same input in any order gives the same output.
import { validateSidecarConfig } from '../config/validate.js';
import { CHECK_STAGES } from './checks/index.js';
import type { CheckContext } from './context.js';
import { emitConfig, type BrokenBudget } from './emit/config.js';
import { gather } from './gather.js';
import { compareText } from './order.js';
import { resourceStatusOf } from './status.js';
import type { CompileInput, CompileResult, Finding, ResourceKind } from './types.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MAX_WORKLOAD_NAME = 253;

function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.kind, b.kind) || compareText(a.name, b.name) || compareText(a.type, b.type)
    || compareText(a.reason, b.reason) || compareText(a.message, b.message);
}

function inputErrors(input: CompileInput): string[] {
  const errors: string[] = [];
  if (!DNS_LABEL.test(input.namespace)) errors.push(`namespace ${JSON.stringify(input.namespace)} is not a DNS label`);
  const workload = input.workload?.name;
  if (workload !== undefined && (workload.length === 0 || workload.length > MAX_WORKLOAD_NAME)) {
    errors.push(`workload name must be 1-${MAX_WORKLOAD_NAME} characters`);
  }
  return errors;
}

/** Runs the stages; after each, resources with findings join `rejected` for the next. */
function runChecks(ctx: CheckContext): { findings: Finding[]; checked: CheckContext } {
  const rejected: Record<ResourceKind, Set<string>> = {
    ProviderPool: new Set(ctx.rejected.ProviderPool),
    ModelRoute: new Set(ctx.rejected.ModelRoute),
    BudgetPolicy: new Set(ctx.rejected.BudgetPolicy),
  };
  const findings: Finding[] = [];
  for (const stage of CHECK_STAGES) {
    const view: CheckContext = { ...ctx, rejected };
    const found = stage.flatMap((check) => check(view));
    for (const f of found) rejected[f.kind].add(f.name);
    findings.push(...found);
  }
  return { findings, checked: { ...ctx, rejected } };
}

/** BudgetPolicies with a finding, with the first finding's message: they fail closed. */
function brokenBudgets(raw: ReadonlyMap<string, unknown>, findings: readonly Finding[]): Map<string, BrokenBudget> {
  const broken = new Map<string, BrokenBudget>();
  for (const found of findings) {
    if (found.kind !== 'BudgetPolicy' || broken.has(found.name) || found.name === '') continue;
    broken.set(found.name, { raw: raw.get(found.name), reason: `BudgetPolicy ${found.name} is invalid (${found.reason}): ${found.message}` });
  }
  return broken;
}

/**
 * Compiles the namespace's ProviderPools, ModelRoutes and BudgetPolicies into one sidecar
 * config. A resource with a finding is left out whole, except a BudgetPolicy: it stays as a
 * broken budget that refuses the requests it covers (fail closed). Everything else still compiles.
 *
 * @example
 * const { config, findings, resourceStatus } = compile({ namespace: 'team-a', resources, secrets: [] });
 */
export function compile(input: CompileInput): CompileResult {
  const errors = inputErrors(input);
  if (errors.length > 0) return { config: null, findings: [], resourceStatus: [], errors };
  const gathered = gather(input);
  const { findings: checkFindings, checked } = runChecks(gathered.ctx);
  const findings = [...gathered.findings, ...checkFindings].sort(compareFindings);
  const config = emitConfig(checked, input.workload, brokenBudgets(gathered.rawBudgets, findings));
  const resourceStatus = resourceStatusOf(gathered.present, findings);
  const validation = validateSidecarConfig(config);
  if (!validation.ok) {
    return { config: null, findings, resourceStatus, errors: validation.errors.map((error) => `compiled config is invalid: ${error}`) };
  }
  return { config, findings, resourceStatus, errors: [] };
}
