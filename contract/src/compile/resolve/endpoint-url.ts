// Endpoint URLs are the one place config can make the sidecar open a connection, so they are
// checked like untrusted input (SSRF): https only, no credentials in the URL, and no loopback,
// private, link-local or cluster address unless the endpoint is marked inCluster.

export type URLCheck = { ok: true; baseURL: string } | { ok: false; problem: string };

const LOCAL_NAMES = ['localhost', 'metadata.google.internal', 'metadata'];
const LOCAL_SUFFIXES = ['.localhost', '.internal', '.local', '.svc', '.cluster.local'];

/** [first octet, second-octet low, second-octet high] of ranges that must not be reached. */
const PRIVATE_IPV4: readonly (readonly [number, number, number])[] = [
  [0, 0, 255], [10, 0, 255], [127, 0, 255], [169, 254, 254], [172, 16, 31], [192, 168, 168], [100, 64, 127], [255, 255, 255],
  [192, 0, 0], [198, 18, 19],
];
/** 224.0.0.0 and up: multicast, reserved and broadcast. */
const FIRST_NON_UNICAST_OCTET = 224;

function isPrivateIPv4(host: string): boolean {
  const octets = host.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet))) return false;
  const [a = -1, b = -1] = octets;
  return a >= FIRST_NON_UNICAST_OCTET || PRIVATE_IPV4.some(([first, low, high]) => a === first && b >= low && b <= high);
}

function isPrivateIPv6(host: string): boolean {
  if (!host.startsWith('[')) return false;
  const address = host.slice(1, -1).toLowerCase();
  // "::…" is unspecified, loopback, IPv4-mapped or IPv4-compatible; then unique-local, link- and
  // site-local, multicast, and NAT64 (which embeds an IPv4 address this check cannot judge).
  return address.startsWith('::') || /^f[cd]/.test(address) || /^fe[89a-f]/.test(address) || /^ff/.test(address)
    || address.startsWith('64:ff9b:');
}

/** Single-label names ("vllm") resolve through the cluster's search domains: they count as cluster addresses. */
function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return LOCAL_NAMES.includes(name) || LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix))
    || isPrivateIPv4(name) || isPrivateIPv6(name) || (!name.includes('.') && !name.startsWith('['));
}

/**
 * Checks an endpoint's baseURL and returns it normalised (no trailing slash, default port dropped).
 *
 * @example
 * checkBaseURL('https://api.openai.com/v1/', false) // { ok: true, baseURL: 'https://api.openai.com/v1' }
 * checkBaseURL('http://10.0.0.5:8000/v1', false)    // { ok: false, problem: 'must use https unless ...' }
 */
export function checkBaseURL(text: string, inCluster: boolean): URLCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'is not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'must be an http(s) URL' };
  if (url.protocol === 'http:' && !inCluster) return { ok: false, problem: 'must use https unless the endpoint is inCluster' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'must not carry credentials; use credentials.secretRef' };
  if (url.search !== '' || url.hash !== '') return { ok: false, problem: 'must not have a query or fragment' };
  if (!inCluster && isPrivateHost(url.hostname)) {
    return { ok: false, problem: `points at a local, private or cluster address (${url.hostname}); set inCluster for self-hosted models` };
  }
  return { ok: true, baseURL: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
