/**
 * The guard against server-side request forgery, for webhook deliveries and functions' `fetch`:
 * a URL may not reach loopback, private, link-local, carrier-grade NAT, multicast, reserved or
 * unspecified addresses, unless the operator allows them (webhooks' `allowPrivateAddresses`,
 * a function's `allow_private_network`). For webhooks, names are
 * checked after resolution, in the connection's own lookup, so a name cannot resolve to a
 * public address when checked and a private one when connected (DNS rebinding).
 */
import { type LookupAddress, lookup } from 'node:dns';
import * as nodeNet from 'node:net';

/**
 * A check of whether an IP literal is not on the public internet, built on `net` (node:net).
 * Self-contained (no imports, nothing from outside): the functions sandbox's worker thread runs
 * its source text (`modules/functions/sandbox/pool.ts`).
 */
export function privateAddressCheck(net: typeof nodeNet): (address: string) => boolean {
  const blocked = new net.BlockList();
  for (const [address, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const)
    blocked.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const)
    blocked.addSubnet(address, prefix, 'ipv6');
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is checked by BlockList against the IPv4 rules.
  // (A ::ffff:0:0/96 rule would refuse every IPv4 address too: BlockList maps them both ways.)
  return (address) => {
    const bare = address.replace(/^\[|\]$/g, '');
    const family = net.isIP(bare);
    if (family === 0) return false;
    return blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/** Whether `address` (an IP literal) is not on the public internet. */
export const isPrivateAddress = privateAddressCheck(nodeNet);

/** Why `url` may not be called as written (an IP literal or `localhost`), or undefined. */
export function refusedHost(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))
    return `${host} is not a public address; deliveries to private networks are turned off.`;
  return undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses names resolving to non-public addresses. */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) {
  lookup(hostname, { family: options.family ?? 0, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) {
      const refusal = Object.assign(
        new Error(`${hostname} resolves to ${bad.address}, which is not a public address.`),
        {
          code: 'EADDRBLOCKED',
        },
      );
      return callback(refusal, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
