// Shape check of one resource against its JSON Schema. Used by the YAML parser (files) and by
// compile (objects from the API server, whose CRD schema may be looser than the contract's).
// The validators are ajv code generated at build time from ./schema-*.ts (ADR 0007).
import type { SwitchyardResource } from '../api/types.js';
import {
  budgetPolicyValidator, modelRouteValidator, providerPoolValidator, type SchemaValidator,
} from '../generated-validators/resources.js';
import { formatSchemaErrors } from '../schema/errors.js';

export type ResourceKind = SwitchyardResource['kind'];
export const RESOURCE_KINDS: readonly ResourceKind[] = ['ProviderPool', 'ModelRoute', 'BudgetPolicy'];

const validators: Record<ResourceKind, SchemaValidator> = {
  ProviderPool: providerPoolValidator,
  ModelRoute: modelRouteValidator,
  BudgetPolicy: budgetPolicyValidator,
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
  const validate = validators[kind];
  if (validate(document)) return { ok: true, resource: document as SwitchyardResource };
  return { ok: false, errors: formatSchemaErrors(validate.errors) };
}
