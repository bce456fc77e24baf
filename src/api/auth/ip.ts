import ipaddr from 'ipaddr.js';
import { ConfigError } from '../../config/load.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (a /32 or /128). */
function parseRange(s: string, field: string): Range {
  try {
    if (s.includes('/')) return ipaddr.parseCIDR(s);
    const a = ipaddr.parse(s);
    return [a, a.kind() === 'ipv4' ? 32 : 128];
  } catch {
    throw new ConfigError(`config: ${field}: "${s.slice(0, 60)}" is not an IP address or CIDR range`, field);
  }
}

/**
 * An allowlist of CIDR ranges. IPv4-mapped IPv6 addresses (::ffff:10.1.2.3, what a dual-stack
 * socket reports) are matched as the IPv4 address they carry.
 */
export class IpAllowlist {
  private readonly ranges: Range[];

  constructor(cidrs: readonly string[], field = 'auth.allowlist') {
    this.ranges = cidrs.map((c) => parseRange(c, field));
  }

  get empty(): boolean {
    return this.ranges.length === 0;
  }

  allows(ip: string): boolean {
    if (this.empty) return true;
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      addr = ipaddr.process(ip);
    } catch {
      return false;
    }
    return this.ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match([net, bits] as never));
  }
}
