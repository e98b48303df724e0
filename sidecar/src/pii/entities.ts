// What a detector reports: a typed span of one text. Built-in types are the CRD's; custom
// detectors are keyed by their route-declared name.

import type { PiiEntityType } from '@switchyard/contract';

export type { PiiAction, PiiEntityType } from '@switchyard/contract';

/** A built-in type, or `custom:<name>` for a route's own pattern. */
export type EntityKind = PiiEntityType | `custom:${string}`;

export interface Span {
  readonly kind: EntityKind;
  /** UTF-16 offsets into the scanned text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export const BUILTIN_ENTITY_TYPES: readonly PiiEntityType[] = [
  'email', 'phone', 'credit-card', 'iban', 'us-ssn', 'ipv4', 'ipv6', 'secret',
];

const PLACEHOLDER_LABELS: Readonly<Record<PiiEntityType, string>> = {
  email: 'EMAIL',
  phone: 'PHONE',
  'credit-card': 'CREDIT_CARD',
  iban: 'IBAN',
  'us-ssn': 'US_SSN',
  ipv4: 'IPV4',
  ipv6: 'IPV6',
  secret: 'SECRET',
};

export function customKind(name: string): EntityKind {
  return `custom:${name}`;
}

/** The name a kind has in errors, metrics and detections: the CRD type or the custom name. */
export function kindName(kind: EntityKind): string {
  return kind.startsWith('custom:') ? kind.slice('custom:'.length) : kind;
}

/** `EMAIL`, `CREDIT_CARD`, `EMPLOYEE_ID`: the label inside `[LABEL_n]` placeholders. */
export function placeholderLabel(kind: EntityKind): string {
  if (kind.startsWith('custom:')) return kind.slice('custom:'.length).toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return PLACEHOLDER_LABELS[kind as PiiEntityType];
}
