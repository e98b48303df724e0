// Documents in this process only, with the same optimistic concurrency as ConfigMaps: for an
// operator without a state namespace (a single replica, tests). A restart forgets them.
import type { DocumentStore, StoredDocument } from './documents.js';

export class MemoryDocuments implements DocumentStore {
  private readonly documents = new Map<string, StoredDocument>();
  private version = 0;

  async read(name: string): Promise<StoredDocument | undefined> {
    return this.documents.get(name);
  }

  async write(document: StoredDocument): Promise<'ok' | 'conflict'> {
    const current = this.documents.get(document.name);
    if ((current?.resourceVersion ?? null) !== document.resourceVersion) return 'conflict';
    this.version += 1;
    this.documents.set(document.name, { ...document, resourceVersion: String(this.version) });
    return 'ok';
  }

  async list(labelSelector: string): Promise<StoredDocument[]> {
    const wanted = labelSelector.split(',').map((term) => term.split('=') as [string, string]);
    return [...this.documents.values()].filter((document) => wanted.every(([key, value]) => document.labels[key] === value));
  }
}
