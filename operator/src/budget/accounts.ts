// Ledger accounts (contract/src/budget/account.ts) persisted one per ConfigMap: a BudgetPolicy's
// spend and grants, or an endpoint's reserved quota, for the current window. Every change rolls
// the account into the window of `now` first, so windows turn over at the cycle anchor even
// when the first write of a window is a usage report.
import { createHash } from 'node:crypto';
import { openAccount, rollAccount, type AccountState, type BillingWindowSpan } from '@switchyard/contract';
import { updateDocument, type DocumentStore, type StoredDocument } from './documents.js';

export const LEDGER_LABEL = 'switchyard.dev/ledger';
const ACCOUNT_ANNOTATION = 'switchyard.dev/account';
const DATA_KEY = 'account.json';

export type AccountKind = 'budget' | 'quota';

export interface AccountKey {
  readonly kind: AccountKind;
  readonly namespace: string;
  /** BudgetPolicy name, or `<pool>/<endpoint>`. */
  readonly name: string;
}

export const accountId = (key: AccountKey): string => `${key.kind}:${key.namespace}/${key.name}`;

export function ledgerName(key: AccountKey): string {
  return `switchyard-ledger-${createHash('sha256').update(accountId(key)).digest('hex').slice(0, 16)}`;
}

export function decodeAccount(document: StoredDocument | undefined): AccountState | undefined {
  const text = document?.data[DATA_KEY];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as AccountState;
    return typeof parsed.window === 'string' && typeof parsed.spentMicroUsd === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function documentFor(key: AccountKey, state: AccountState): StoredDocument {
  return {
    name: ledgerName(key),
    labels: { [LEDGER_LABEL]: key.kind },
    annotations: { [ACCOUNT_ANNOTATION]: accountId(key) },
    data: { [DATA_KEY]: JSON.stringify(state) },
    resourceVersion: null,
  };
}

export function keyOfDocument(document: StoredDocument): AccountKey | undefined {
  const id = document.annotations[ACCOUNT_ANNOTATION] ?? '';
  const match = /^(budget|quota):([^/]+)\/(.+)$/.exec(id);
  return match === null ? undefined : { kind: match[1] as AccountKind, namespace: match[2]!, name: match[3]! };
}

export class AccountStore {
  /** Serialises this replica's changes per account, so they do not conflict with each other. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly documents: DocumentStore) {}

  /** The account as stored (rolled into `span` for reading; not written). */
  async read(key: AccountKey, span: BillingWindowSpan): Promise<AccountState> {
    const stored = decodeAccount(await this.documents.read(ledgerName(key)));
    return rollAccount(stored ?? openAccount(span), span);
  }

  /** Applies `change` to the account in `span` and persists it; `change` returning null writes nothing. */
  update<R>(key: AccountKey, span: BillingWindowSpan, change: (state: AccountState) => { state: AccountState | null; result: R }): Promise<R> {
    const id = accountId(key);
    const run = (this.queues.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => updateDocument(this.documents, ledgerName(key), (current) => {
      const stored = decodeAccount(current);
      const base = stored ?? openAccount(span);
      const rolled = rollAccount(base, span);
      const { state, result } = change(rolled);
      const next = state ?? (rolled === base && stored !== undefined ? null : rolled);
      return next === null ? { document: null, result } : { document: documentFor(key, next), result };
    }));
    this.queues.set(id, run);
    return run;
  }

  async list(kind: AccountKind): Promise<{ key: AccountKey; state: AccountState }[]> {
    const documents = await this.documents.list(`${LEDGER_LABEL}=${kind}`);
    return documents.flatMap((document) => {
      const key = keyOfDocument(document);
      const state = decodeAccount(document);
      return key === undefined || state === undefined ? [] : [{ key, state }];
    });
  }
}
