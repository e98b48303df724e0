import { describe, expect, it } from '@jest/globals';
import type { LookupFunction } from 'node:net';
import { BLOCKED_ADDRESS_CODE, guardedLookup, isBlockedAddress, isBlockedLiteralHost } from './address-guard.js';

describe('isBlockedAddress', () => {
  it.each([
    ['cloud metadata', '169.254.169.254', true],
    ['loopback', '127.0.0.53', true],
    ['private 172.16/12', '172.20.1.1', true],
    ['just outside 172.16/12', '172.32.0.1', false],
    ['carrier-grade NAT', '100.100.100.100', true],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1', true],
    ['IPv4-mapped public', '::ffff:8.8.8.8', false],
    ['IPv4-compatible loopback', '::7f00:1', true],
    ['NAT64 of the metadata address', '64:ff9b::a9fe:a9fe', true],
    ['NAT64 of a private address, dotted', '64:ff9b::10.0.0.1', true],
    ['NAT64 of a public address (DNS64 in an IPv6-only cluster)', '64:ff9b::808:808', false],
    ['IPv6 unique local', 'fd00::5', true],
    ['a public IPv4', '104.18.6.192', false],
    ['a public IPv6', '2606:4700::6810:6c0', false],
    ['not an address', 'api.openai.com', false],
  ])('%s: %s → %s', (_name, address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  it('refuses a NAT64 literal host whole, as compile does', () => {
    expect(isBlockedLiteralHost('[64:ff9b::808:808]')).toBe(true);
    expect(isBlockedLiteralHost('[2606:4700::1111]')).toBe(false);
  });
});

describe('guardedLookup', () => {
  const fixed = (addresses: string[]): LookupFunction => (_hostname, options, callback) => {
    if (options.all === true) callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    else callback(null, addresses[0] ?? '', 4);
  };
  const resolve = (lookup: LookupFunction, all: boolean) => new Promise<{ error: NodeJS.ErrnoException | null }>((done) => {
    lookup('provider.example.com', { all }, (error) => done({ error }));
  });

  it.each([[true], [false]])('fails the lookup when any address is blocked (all: %s)', async (all) => {
    const { error } = await resolve(guardedLookup(fixed(['198.51.100.7', '10.0.0.1'].slice(all ? 0 : 1))), all);
    expect(error?.code).toBe(BLOCKED_ADDRESS_CODE);
  });

  it('passes public addresses through', async () => {
    expect((await resolve(guardedLookup(fixed(['198.51.100.7'])), true)).error).toBeNull();
  });
});
