import type { Database, Statement, Transaction } from 'better-sqlite3';
import { z } from 'zod';
import { fail, fromZodError, ok, type Result } from '../../contracts/errors.ts';
import type { Clock } from '../../core/clock.ts';
import { silentLogger, type Logger } from '../../core/log.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';
import { maskCardData } from './cardData.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/** Event types are `domain.verb`: facts past tense (`item.added`), commands imperative. */
export const JournalEventType = z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/, 'event type must be domain.verb');
export const JournalPayload = z.record(z.string(), JsonValue);
export type JournalPayload = z.infer<typeof JournalPayload>;

export const JournalEventInput = z.object({
  type: JournalEventType,
  transactionId: z.string().min(1).max(128).nullable().default(null),
  payload: JournalPayload.default({}),
});
export type JournalEventInput = z.input<typeof JournalEventInput>;

const Hash = z.string().regex(/^[0-9a-f]{64}$/);
export const JournalEntry = z.object({
  seq: z.number().int().positive(),
  /** Lane clock, ms. */
  at: z.number().int().nonnegative(),
  transactionId: z.string().min(1).nullable(),
  type: JournalEventType,
  payload: JournalPayload,
  prevHash: Hash,
  hash: Hash,
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Event types that close a transaction (for `lastOpenTransaction`). */
export const DEFAULT_CLOSING_TYPES: readonly string[] = ['transaction.completed', 'transaction.cancelled', 'transaction.abandoned', 'transaction.voided'];

/** A stored row that could not be read back as a `JournalEntry`. */
export interface CorruptEntry {
  seq: number;
  reason: string;
}

export interface JournalRead {
  entries: JournalEntry[];
  corrupt: CorruptEntry[];
}

export interface JournalOptions {
  logger?: Logger;
  closingTypes?: readonly string[];
}

interface Row {
  seq: number;
  at: number;
  transaction_id: string | null;
  type: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The text that is hashed: previous hash, then the canonical JSON of everything else. */
function hashOf(prevHash: string, e: { seq: number; at: number; transactionId: string | null; type: string; payload: JournalPayload }): string {
  return sha256Hex(prevHash + canonicalJson({ seq: e.seq, at: e.at, transactionId: e.transactionId, type: e.type, payload: e.payload }));
}

/**
 * The lane's append-only, hash-chained event journal.
 *
 * - `append` is synchronous and durable on return (one write transaction, WAL with
 *   synchronous=FULL — see openDatabase). Append the event that changes money, goods or
 *   authority first; acknowledge it only after `append` returned.
 * - Each entry's hash covers the previous entry's hash and the entry itself, so `verify`
 *   detects any altered, inserted or removed row. `journal_head` records the last entry, so
 *   a removed tail is detected too. (Someone who rewrites every row and the head with
 *   recomputed hashes is not detected: anchor the head hash elsewhere for that.)
 * - Payloads are JSON objects, validated with a schema on write and on read; a corrupt row
 *   is reported, never thrown. Anything that looks like a card number is stored masked, never
 *   refused (see `maskCardData`): shopper input can be anything.
 */
export class Journal {
  private readonly log: Logger;
  private readonly closingTypes: ReadonlySet<string>;
  private readonly s: {
    head: Statement<[], { seq: number; hash: string }>;
    insert: Statement<[number, number, string | null, string, string, string, string]>;
    setHead: Statement<[number, string]>;
    from: Statement<[number, number], Row>;
    forTransaction: Statement<[string], Row>;
    lastTransaction: Statement<[], { transaction_id: string }>;
    all: Statement<[], Row>;
  };
  private readonly appendTx: Transaction<(input: z.infer<typeof JournalEventInput>, payloadJson: string) => JournalEntry>;
  private readonly appendManyTx: Transaction<(items: { data: z.infer<typeof JournalEventInput>; json: string }[]) => JournalEntry[]>;

  constructor(
    db: Database,
    private readonly clock: Clock,
    opts: JournalOptions = {},
  ) {
    this.log = opts.logger ?? silentLogger;
    this.closingTypes = new Set(opts.closingTypes ?? DEFAULT_CLOSING_TYPES);
    this.s = {
      head: db.prepare('SELECT seq, hash FROM journal_head WHERE id = 1'),
      insert: db.prepare('INSERT INTO journal (seq, at, transaction_id, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      setHead: db.prepare('INSERT INTO journal_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash'),
      from: db.prepare('SELECT * FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?'),
      forTransaction: db.prepare('SELECT * FROM journal WHERE transaction_id = ? ORDER BY seq'),
      lastTransaction: db.prepare('SELECT transaction_id FROM journal WHERE transaction_id IS NOT NULL ORDER BY seq DESC LIMIT 1'),
      all: db.prepare('SELECT * FROM journal ORDER BY seq'),
    };
    this.appendTx = db.transaction((input: z.infer<typeof JournalEventInput>, payloadJson: string): JournalEntry => {
      const head = this.s.head.get();
      const prevHash = head?.hash ?? GENESIS_HASH;
      const seq = (head?.seq ?? 0) + 1;
      const at = Math.trunc(this.clock.now());
      const entry = { seq, at, transactionId: input.transactionId, type: input.type, payload: input.payload };
      const hash = hashOf(prevHash, entry);
      this.s.insert.run(seq, at, input.transactionId, input.type, payloadJson, prevHash, hash);
      this.s.setHead.run(seq, hash);
      return { ...entry, prevHash, hash };
    });
    // Nested calls of a transaction function run inside the outer transaction (savepoints).
    this.appendManyTx = db.transaction((items: { data: z.infer<typeof JournalEventInput>; json: string }[]) => items.map((i) => this.appendTx(i.data, i.json)));
  }

  /**
   * Append one event; durable when this returns. Throws TypeError for an event that fails
   * its schema (a programming error of the caller). A PAN-looking value is stored masked. The payload is stored as its JSON form
   * (`undefined` members dropped).
   */
  append(event: JournalEventInput): JournalEntry {
    const jsonForm: unknown = event.payload === undefined ? undefined : JSON.parse(JSON.stringify(event.payload));
    const parsed = JournalEventInput.safeParse({ ...event, payload: jsonForm });
    if (!parsed.success) throw new TypeError(fromZodError(parsed.error, 'journal event').message);
    const data = this.masked(parsed.data);
    const entry = this.appendTx.immediate(data, canonicalJson(data.payload));
    this.log.debug({ seq: entry.seq, type: entry.type }, 'journal: appended');
    return entry;
  }

  /**
   * Append several events atomically in one durable transaction (one disk sync): all are
   * stored, in order, or none is. For the events of one decision (e.g. an item added and
   * the age check it raises). Same validation as `append`, done before anything is written.
   */
  appendAll(events: readonly JournalEventInput[]): JournalEntry[] {
    if (events.length === 0) return [];
    const prepared = events.map((event) => {
      const jsonForm: unknown = event.payload === undefined ? undefined : JSON.parse(JSON.stringify(event.payload));
      const parsed = JournalEventInput.safeParse({ ...event, payload: jsonForm });
      if (!parsed.success) throw new TypeError(fromZodError(parsed.error, 'journal event').message);
      const data = this.masked(parsed.data);
      return { data, json: canonicalJson(data.payload) };
    });
    const entries = this.appendManyTx.immediate(prepared);
    this.log.debug({ from: entries[0]?.seq, count: entries.length }, 'journal: appended');
    return entries;
  }

  /** The event with PAN-looking values masked (logged once per event, without the value). */
  private masked(data: z.infer<typeof JournalEventInput>): z.infer<typeof JournalEventInput> {
    const m = maskCardData(data.payload);
    if (m.masked.length === 0) return data;
    this.log.warn({ type: data.type, paths: m.masked }, 'journal: masked what looks like a card number');
    return { ...data, payload: m.value };
  }

  /** The last entry's seq and hash; seq 0 and the genesis hash when empty. */
  head(): { seq: number; hash: string } {
    return this.s.head.get() ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Entries from `fromSeq` (inclusive) on, oldest first. */
  entries(fromSeq = 1, limit = Number.MAX_SAFE_INTEGER): JournalRead {
    return this.read(this.s.from.all(fromSeq, limit));
  }

  forTransaction(transactionId: string): JournalRead {
    return this.read(this.s.forTransaction.all(transactionId));
  }

  /**
   * The most recent transaction, if it has no closing event (see `DEFAULT_CLOSING_TYPES`):
   * what a restarted lane resumes. Null when the last transaction was closed or there is none.
   */
  lastOpenTransaction(): ({ transactionId: string } & JournalRead) | null {
    const last = this.s.lastTransaction.get();
    if (!last) return null;
    const read = this.forTransaction(last.transaction_id);
    if (read.entries.some((e) => this.closingTypes.has(e.type))) return null;
    return { transactionId: last.transaction_id, ...read };
  }

  /**
   * Walk the whole chain: seqs contiguous from 1, every row readable, every prevHash the
   * previous hash, every hash recomputed equal, and the head naming the last row.
   * `internal` error naming the first bad seq otherwise.
   */
  verify(): Result<{ count: number; headHash: string }> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    const broken = (seq: number, reason: string): Result<{ count: number; headHash: string }> => {
      this.log.error({ seq, reason }, 'journal: chain broken');
      return fail('internal', `journal chain broken at seq ${seq}: ${reason}`, { detail: { seq, reason } });
    };
    for (const row of this.s.all.iterate()) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, row.seq > expectedSeq ? `entries ${expectedSeq}..${row.seq - 1} are missing` : 'sequence out of order');
      const parsed = parseRow(row);
      if (!parsed.ok) return broken(row.seq, parsed.error.message);
      const e = parsed.value;
      if (e.prevHash !== prevHash) return broken(row.seq, 'prevHash does not match the previous entry');
      if (hashOf(e.prevHash, e) !== e.hash) return broken(row.seq, 'hash does not match the entry (altered)');
      prevHash = e.hash;
      expectedSeq++;
    }
    const count = expectedSeq - 1;
    const head = this.s.head.get();
    if (count === 0 && head) return broken(1, `head names seq ${head.seq} but the journal is empty`);
    if (head && (head.seq !== count || head.hash !== prevHash)) {
      return broken(Math.min(head.seq, count + 1), head.seq > count ? `entries after seq ${count} are missing (head names ${head.seq})` : 'head does not match the last entry');
    }
    if (count > 0 && !head) return broken(count, 'head record is missing');
    return ok({ count, headHash: prevHash });
  }

  private read(rows: Row[]): JournalRead {
    const entries: JournalEntry[] = [];
    const corrupt: CorruptEntry[] = [];
    for (const row of rows) {
      const r = parseRow(row);
      if (r.ok) entries.push(r.value);
      else {
        corrupt.push({ seq: row.seq, reason: r.error.message });
        this.log.error({ seq: row.seq, reason: r.error.message }, 'journal: corrupt entry');
      }
    }
    return { entries, corrupt };
  }
}

function parseRow(row: Row): Result<JournalEntry> {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return fail('invalidInput', 'payload is not JSON');
  }
  const parsed = JournalEntry.safeParse({
    seq: row.seq,
    at: row.at,
    transactionId: row.transaction_id,
    type: row.type,
    payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  });
  return parsed.success ? ok(parsed.data) : { ok: false, error: fromZodError(parsed.error, 'journal entry') };
}
