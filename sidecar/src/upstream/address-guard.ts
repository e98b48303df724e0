// Where an endpoint not marked inCluster may connect: public unicast addresses only. Compile
// refuses such baseURLs already (contract/src/compile/resolve/endpoint-url.ts); this is the check
// at the moment of connecting, after DNS, because a public name can resolve to a private address
// (DNS rebinding, a hijacked record, a typo'd internal zone). IPv4-mapped IPv6 addresses are
// judged by the IPv4 address inside them (net.BlockList does that), and so are NAT64 addresses
// (64:ff9b::/96): an IPv6-only cluster reaches public providers through them (DNS64), so they
// cannot be refused outright.

import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** The error code a refused address fails the connection with (upstream/transport-errors.ts). */
export const BLOCKED_ADDRESS_CODE = 'ERR_SWITCHYARD_BLOCKED_ADDRESS';

const BLOCKED_IPV4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT, used for pod and service ranges by some clusters
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local: cloud metadata (169.254.169.254) lives here
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const BLOCKED_IPV6: readonly [string, number][] = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form (::7f00:1)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [network, prefix] of BLOCKED_IPV4) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of BLOCKED_IPV6) blocked.addSubnet(network, prefix, 'ipv6');

const nat64 = new BlockList();
nat64.addSubnet('64:ff9b::', 96, 'ipv6');

/** The IPv4 address in the last 32 bits of an IPv6 address (`64:ff9b::a9fe:a9fe` → 169.254.169.254). */
function embeddedIPv4(address: string): string {
  const last = address.slice(address.lastIndexOf(':') + 1);
  if (last.includes('.')) return last;
  const [head = '', tail = ''] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const groups = [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  const bits = groups.slice(6).map((group) => Number.parseInt(group, 16));
  return [(bits[0] ?? 0) >> 8, (bits[0] ?? 0) & 255, (bits[1] ?? 0) >> 8, (bits[1] ?? 0) & 255].join('.');
}

/** @example isBlockedAddress('169.254.169.254') // true; isBlockedAddress('::ffff:127.0.0.1') // true; isBlockedAddress('104.18.6.192') // false */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return blocked.check(address, 'ipv4');
  if (nat64.check(address, 'ipv6')) return blocked.check(embeddedIPv4(address), 'ipv4');
  return blocked.check(address, 'ipv6');
}

/** An IP literal host (brackets allowed) that an endpoint outside the cluster may not use; a NAT64 literal is refused whole, as compile does. */
export function isBlockedLiteralHost(hostname: string): boolean {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isBlockedAddress(bare) || (isIP(bare) === 6 && nat64.check(bare, 'ipv6'));
}

function blockedError(hostname: string, address: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${hostname} resolved to ${address}, a private, loopback or link-local address`), { code: BLOCKED_ADDRESS_CODE });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect that fails the connection when any address of the name is
 * blocked (one bad record is enough: the socket may pick any of them).
 */
export function guardedLookup(base: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
    base(hostname, options, (error, address, family) => {
      if (error !== null) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const bad = addresses.find(isBlockedAddress);
      if (bad !== undefined) return callback(blockedError(hostname, bad), address, family);
      return callback(null, address, family);
    });
  };
}
