import { z } from 'zod';
import { TopicId } from '../contracts/index.ts';
import { CONSOLE_USER_PREFIX, LANE_USER_PREFIX, type BusIdentity } from './acl.ts';

/**
 * Store-bus accounts as the brokers check them (store-bus/README.md, "Accounts").
 *
 * - lanes: `lane-<laneId>` / per-lane secret
 * - consoles: `console-<consoleId>` / per-console secret — read-only
 * - attendants: user = attendant id, password = PIN or badge code, checked against scrypt
 *   hashes (core/pin.ts); roles are enforced by each lane, which keeps the same accounts.
 *
 * A secret is either the plain secret or a `scrypt$salt$hash` made with `hashPin`.
 */
const Secret = z.string().min(8, 'at least 8 characters');
export const ScryptHash = z.string().regex(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/);

export const BusAttendantAccount = z.object({
  id: TopicId.refine((id) => !id.startsWith(LANE_USER_PREFIX) && !id.startsWith(CONSOLE_USER_PREFIX), 'attendant ids may not start with lane- or console-'),
  name: z.string().min(1),
  role: z.enum(['attendant', 'supervisor']),
  pinHash: ScryptHash,
  /** Badge code (scanned card), hashed like a PIN; either one logs the attendant in. */
  badgeHash: ScryptHash.optional(),
});
export type BusAttendantAccount = z.infer<typeof BusAttendantAccount>;

export const BusAccounts = z.object({
  storeId: TopicId,
  /** laneId → secret (plain or scrypt hash). */
  lanes: z.record(TopicId, Secret),
  /** consoleId → secret; read-only consoles (wall displays, managers' tablets). */
  consoles: z.record(TopicId, Secret).default({}),
  attendants: z.array(BusAttendantAccount).default([]),
  /** Failed logins per user name before that name is locked, and for how long. */
  lockout: z
    .object({
      maxFailures: z.number().int().min(1).default(5),
      lockoutMs: z.number().int().positive().default(5 * 60_000),
    })
    .default({ maxFailures: 5, lockoutMs: 5 * 60_000 }),
});
export type BusAccounts = z.infer<typeof BusAccounts>;
export type BusAccountsInput = z.input<typeof BusAccounts>;

