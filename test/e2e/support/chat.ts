// One chat completion through a sidecar, as an app in the pod would send it.

export interface ChatOutcome {
  readonly status: number;
  readonly body: string;
}

export async function chat(sidecarUrl: string, model: string, text = 'hello there'): Promise<ChatOutcome> {
  const response = await fetch(`${sidecarUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: text }] }),
  });
  return { status: response.status, body: await response.text() };
}
