// The head most standalone test configs start with: a Secret named `keys` (standalone mode reads
// it as the operator reads Secrets) and a ProviderPool named `pool`, ready for endpoint items.

/** @example `${keysAndPoolHead('{ openai: sk-1 }')}\n    - name: oai\n      provider: openai …` */
export function keysAndPoolHead(stringData: string): string {
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata: { name: keys }',
    `stringData: ${stringData}`,
    '---',
    'apiVersion: switchyard.dev/v1alpha1',
    'kind: ProviderPool',
    'metadata: { name: pool }',
    'spec:',
    '  endpoints:',
  ].join('\n');
}
