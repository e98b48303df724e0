import { specOf, type GatewayErrorCode } from './codes.js';

export interface GatewayErrorOptions {
  /** The request field at fault, in OpenAI's spelling (`messages[2].content`). */
  param?: string;
  retryAfterMs?: number;
  /** Overrides the code's retryability (e.g. an upstream 500 that must not be replayed). */
  retryable?: boolean;
  /** Extra response headers the error implies (e.g. `allow` for 405). */
  headers?: Readonly<Record<string, string>>;
  cause?: unknown;
}

/** Every error the gateway raises on purpose. Status and retryability come from the code table. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: GatewayErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const spec = specOf(code);
    this.code = code;
    this.status = spec.status;
    this.param = options.param;
    this.retryable = options.retryable ?? spec.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.headers = options.headers ?? {};
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
