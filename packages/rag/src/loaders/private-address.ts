/**
 * Whether an IP address is one a server-side fetch must not reach by default: loopback,
 * private, link-local (cloud metadata lives at 169.254.169.254), unique-local, unspecified,
 * carrier-grade NAT, multicast and reserved ranges, and IPv4 hidden inside IPv6 (mapped,
 * NAT64). Anything that does not parse as an address counts as private: refuse when unsure.
 */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseIPv4(ip);
  if (v4) return isPrivateIPv4(v4);
  const v6 = parseIPv6(ip);
  if (!v6) return true;
  return isPrivateIPv6(v6);
}

function isPrivateIPv4([a, b, c]: number[]): boolean {
  const first = a!;
  const second = b!;
  return (
    first === 0 || // 0.0.0.0/8, "this network"
    first === 10 ||
    first === 127 ||
    (first === 100 && second >= 64 && second <= 127) || // 100.64/10, carrier-grade NAT
    (first === 169 && second === 254) ||
    (first === 172 && second >= 16 && second <= 31) ||
    (first === 192 && second === 168) ||
    (first === 192 && second === 0 && (c === 0 || c === 2)) || // 192.0.0/24, 192.0.2/24
    (first === 198 && (second === 18 || second === 19)) || // benchmarking
    first >= 224 // multicast, reserved, broadcast
  );
}

function isPrivateIPv6(words: number[]): boolean {
  const [w0, w1, w2, w3, w4, w5, w6, w7] = words as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const allZeroUntil5 = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;
  if (allZeroUntil5 && w5 === 0 && w6 === 0 && (w7 === 0 || w7 === 1)) return true; // :: and ::1
  const embedded = [w6 >> 8, w6 & 0xff, w7 >> 8, w7 & 0xff];
  if (allZeroUntil5 && w5 === 0xffff) return isPrivateIPv4(embedded); // ::ffff:a.b.c.d
  if (allZeroUntil5 && w5 === 0) return isPrivateIPv4(embedded); // ::a.b.c.d (deprecated)
  if (w0 === 0x64 && w1 === 0xff9b) return isPrivateIPv4(embedded); // 64:ff9b::/96 NAT64
  if ((w0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((w0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((w0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((w0 & 0xff00) === 0xff00) return true; // multicast
  if (w0 === 0x2001 && w1 === 0xdb8) return true; // documentation
  if (w0 === 0x2002) return isPrivateIPv4([w1 >> 8, w1 & 0xff, w2 >> 8, w2 & 0xff]); // 6to4
  return false;
}

/** Four octets of a dotted-quad IPv4 address, or undefined. */
export function parseIPv4(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  return octets.every((octet) => octet >= 0 && octet <= 255) ? octets : undefined;
}

/** Eight 16-bit words of an IPv6 address (with `::` and a trailing dotted quad), or undefined. */
export function parseIPv6(ip: string): number[] | undefined {
  if (!ip.includes(':')) return undefined;
  let text = ip.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    // A trailing dotted quad (`::ffff:10.0.0.1`) stands for the last two words.
    const octets = parseIPv4(maybeV4);
    if (!octets) return undefined;
    const high = ((octets[0]! << 8) | octets[1]!).toString(16);
    const low = ((octets[2]! << 8) | octets[3]!).toString(16);
    text = `${text.slice(0, lastColon + 1)}${high}:${low}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string) => (half === '' ? [] : half.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const groups = [...head, ...rest];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  if (halves.length === 1 && groups.length !== 8) return undefined;
  if (halves.length === 2 && groups.length > 7) return undefined;
  const fill = new Array<string>(8 - groups.length).fill('0');
  const all = halves.length === 2 ? [...head, ...fill, ...rest] : groups;
  return all.map((group) => Number.parseInt(group, 16));
}
