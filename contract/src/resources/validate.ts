// Shape check of one resource against its JSON Schema. Used by the YAML parser (files) and by
// compile (objects from the API server, whose CRD schema may be looser than the contract's).
import type { SwitchyardResource } from '../api/types.js';
import { lazyValidator } from '../schema/ajv.js';
import { formatSchemaErrors } from '../schema/errors.js';
import { budgetPolicySchema } from './schema-budget.js';
import { providerPoolSchema } from './schema-pool.js';
import { modelRouteSchema } from './schema-route.js';

export type ResourceKind = SwitchyardResource['kind'];
export const RESOURCE_KINDS: readonly ResourceKind[] = ['ProviderPool', 'ModelRoute', 'BudgetPolicy'];

const validators: Record<ResourceKind, ReturnType<typeof lazyValidator>> = {
  ProviderPool: lazyValidator(providerPoolSchema),
  ModelRoute: lazyValidator(modelRouteSchema),
  BudgetPolicy: lazyValidator(budgetPolicySchema),
};

export type ResourceValidation = { ok: true; resource: SwitchyardResource } | { ok: false; errors: string[] };

export function isResourceKind(kind: unknown): kind is ResourceKind {
  return typeof kind === 'string' && (RESOURCE_KINDS as readonly string[]).includes(kind);
}

/**
 * Validates a document whose kind is known; errors read `spec.targets[0].pool: must be string`.
 *
 * @example
 * validateResource('ModelRoute', doc) // { ok: false, errors: ['spec.match: is required'] }
 */
export function validateResource(kind: ResourceKind, document: unknown): ResourceValidation {
  const validate = validators[kind]();
  if (validate(document)) return { ok: true, resource: document as SwitchyardResource };
  return { ok: false, errors: formatSchemaErrors(validate.errors) };
}
