/** Runs: pure. Which addresses count as this machine (the lane service, the shell and `npm start` only ever talk to loopback). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when `value` is an absolute URL with the given protocol on a loopback host. */
export function isLoopbackUrl(value: string, protocol: 'http:' | 'ws:'): boolean {
  try {
    const u = new URL(value);
    return u.protocol === protocol && LOOPBACK_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}
