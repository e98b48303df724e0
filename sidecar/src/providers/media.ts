// Image and audio inputs arrive as OpenAI `image_url` (data URL or http URL) and `input_audio`
// parts; providers want base64 plus a media type, or a URL.

export interface InlineMedia {
  readonly mediaType: string;
  readonly data: string;
}

/** `data:image/png;base64,AAAA` → { mediaType: 'image/png', data: 'AAAA' }; undefined otherwise. */
export function parseDataURL(url: string): InlineMedia | undefined {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { mediaType: match[1].toLowerCase(), data: match[2] };
}

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
};

/** Media type from a URL's file extension; providers that need one get a JPEG guess otherwise. */
export function mediaTypeFromURL(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return EXTENSION_TYPES[extension] ?? 'image/jpeg';
}

/** OpenAI names audio formats (`wav`, `mp3`); providers want media types. */
export function audioMediaType(format: string): string {
  return format === 'mp3' ? 'audio/mp3' : `audio/${format}`;
}
