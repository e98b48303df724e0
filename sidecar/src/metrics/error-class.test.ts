import { describe, expect, it } from '@jest/globals';
import { errorClassOf } from './error-class.js';

describe('the outcome class a finished request is counted under', () => {
  it.each([
    ['an answer is no error', 200, null, false, null],
    ['a 429 from the provider is rate_limited', 429, 'upstream_rate_limited', false, 'rate_limited'],
    ['credits gone is quota', 429, 'upstream_quota_exhausted', false, 'quota'],
    ['an overloaded provider is overloaded, not just a server error', 503, 'upstream_overloaded', false, 'overloaded'],
    ['a provider 500 is a server error', 502, 'upstream_server_error', false, 'server_error'],
    ['refused credentials are auth', 502, 'upstream_auth', false, 'auth'],
    ['no first byte in time is a timeout', 504, 'upstream_timeout', false, 'timeout'],
    ['a provider 400 is the request at fault', 400, 'upstream_bad_request', false, 'request_error'],
    ['an unknown model is the request at fault', 404, 'model_not_found', false, 'request_error'],
    ['a PII refusal is policy', 400, 'pii_blocked', false, 'policy'],
    ['a budget refusal is budget', 429, 'budget_exceeded', false, 'budget'],
    ['a request predicted to cost more than the budget allows one request is budget', 400, 'request_cost_exceeded', false, 'budget'],
    ['a request under a broken budget is budget', 503, 'budget_unavailable', false, 'budget'],
    ['a request the operator granted no allowance for in time is budget', 503, 'allowance_unavailable', false, 'budget'],
    ['no eligible endpoint is unavailable', 503, 'no_route', false, 'unavailable'],
    ['any error after a stream started is a stream cut', 200, 'upstream_overloaded', true, 'stream_cut'],
    ['a client that left first is client_closed', 499, null, false, 'client_closed'],
    ['a code from a newer table is still counted', 500, 'some_future_code', false, 'internal'],
  ])('%s', (_name, status, errorCode, streaming, expected) => {
    expect(errorClassOf({ status, errorCode, streaming })).toBe(expected);
  });
});
