/**
 * The Host header check against DNS rebinding: a web page on another site can make a browser send requests to
 * a loopback server under a host name the attacker controls (`evil.example` resolving to 127.0.0.1). Requests
 * are served only when their Host names an address or name the server listens on, or one given with
 * `--allowed-host` (OWASP: "DNS rebinding"; the same defence as webpack-dev-server's allowedHosts).
 */
import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const;

/** Whether an address is a wildcard ('0.0.0.0' or '::'): the server answers on every interface. */
function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/**
 * Host names a server listening on `listenHost` answers to: loopback names always; on a wildcard address, also
 * this machine's name and the addresses of its interfaces; the listen address itself; and `extra` names.
 * Names are compared lower-case, IPv6 without brackets.
 */
export function allowedHostNames(listenHost: string, extra: readonly string[] = []): ReadonlySet<string> {
  const names = new Set<string>(LOOPBACK_NAMES);
  const add = (name: string) => names.add(name.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
  add(listenHost);
  if (isWildcard(listenHost)) {
    add(hostname());
    for (const list of Object.values(networkInterfaces())) for (const info of list ?? []) add(info.address);
  }
  for (const name of extra) add(name);
  return names;
}

/**
 * The host name of a Host header, lower-case, without port or IPv6 brackets; undefined when there is none.
 * @example hostNameOf('[::1]:8080') // '::1'
 */
export function hostNameOf(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : undefined;
  }
  // One colon: name:port. More than one without brackets is not a valid Host.
  const colons = h.split(':').length - 1;
  if (colons === 0) return h;
  if (colons === 1) return h.slice(0, h.indexOf(':'));
  return undefined;
}
