import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Attendant PINs: stored only as scrypt hashes (`scrypt$salt$hash`), compared in constant
 * time; repeated failures lock PIN entry for a while (per lane, for everyone: a PIN pad
 * cannot tell who is typing).
 */
const KEYLEN = 32;
const COST = { N: 16384, r: 8, p: 1 };

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, KEYLEN, COST);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/**
 * Like `verifyPin`, but the scrypt runs on libuv's thread pool: a lane's event loop (scans,
 * scale verdicts) never waits the ~50 ms a PIN check costs.
 */
export function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return Promise.resolve(false);
  const expected = Buffer.from(hashHex, 'hex');
  return new Promise((resolve) => {
    scrypt(pin, Buffer.from(saltHex, 'hex'), expected.length, COST, (err, actual) => {
      resolve(!err && expected.length === actual.length && timingSafeEqual(expected, actual));
    });
  });
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length, COST);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

