import type { AttendantAccount } from '../contracts/staff.ts';
import type { BusAccountsInput } from './accounts.ts';

/**
 * Demo accounts for a simulated lane (documented in the README): attendant "Alex" PIN 1234,
 * supervisor "Sam" PIN 9999. Real stores configure `attendants` with their own hashes.
 * Fixed salts keep them deterministic, and the hashes are written out (they are
 * `hashPin('1234', <alex salt>)` and `hashPin('9999', <sam salt>)`) so that importing this
 * module costs no scrypt at start-up (two scrypts were ~40–80 ms of every service start).
 * Never use these accounts in a store.
 */
export const DEMO_ATTENDANTS: AttendantAccount[] = [
  { id: 'alex', name: 'Alex', role: 'attendant', pinHash: 'scrypt$6c616e652d64656d6f2d616c6578$e49bfe8f908acb55b5dd9baaf5b9c0f824a4e49953f067adf182c472b061ec2b' },
  { id: 'sam', name: 'Sam', role: 'supervisor', pinHash: 'scrypt$6c616e652d64656d6f2d73616d$45f890a9fee170bc4a871ae548f4702174030de33c0872c8e1dade2e2e604bd0' },
];


/** The secret every demo lane uses on the demo store bus. Never use it in a store. */
export const DEMO_LANE_SECRET = 'demo-lane-secret';
export const DEMO_STORE_ID = 'demo';

/** Demo accounts: lanes lane-1 … lane-8 (and `extraLaneIds`), the demo attendants. */
export function demoBusAccounts(extraLaneIds: string[] = [], attendants: readonly AttendantAccount[] = DEMO_ATTENDANTS, storeId = DEMO_STORE_ID): BusAccountsInput {
  const ids = new Set([...Array.from({ length: 8 }, (_, i) => `lane-${i + 1}`), ...extraLaneIds]);
  return { storeId, lanes: Object.fromEntries([...ids].map((id) => [id, DEMO_LANE_SECRET])), consoles: {}, attendants: [...attendants] };
}
