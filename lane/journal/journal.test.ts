import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db/database.ts';
import { tempDir } from '../db/testing.ts';
import { ManualClock } from '../../core/clock.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';
import { GENESIS_HASH, Journal } from './journal.ts';

function setup(): { db: Database; clock: ManualClock; journal: Journal } {
  const db = openDatabase(':memory:');
  const clock = new ManualClock();
  return { db, clock, journal: new Journal(db, clock) };
}

/** Tests that tamper must first lift the append-only triggers, as an attacker with file access could. */
function unlock(db: Database): void {
  db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
}

describe('Journal.append', () => {
  it('chains entries: seq from 1, clock time, prevHash of the previous, sha256 over prevHash + canonical JSON', () => {
    const { journal, clock } = setup();
    const a = journal.append({ type: 'transaction.started', transactionId: 't1', payload: { b: 2, a: 1 } });
    clock.advance(1500);
    const b = journal.append({ type: 'item.added', transactionId: 't1', payload: { itemId: 'milk', priceMinor: 119 } });
    expect(a).toMatchObject({ seq: 1, at: clock.now() - 1500, prevHash: GENESIS_HASH, transactionId: 't1' });
    expect(a.hash).toBe(sha256Hex(GENESIS_HASH + '{"at":' + a.at + ',"payload":{"a":1,"b":2},"seq":1,"transactionId":"t1","type":"transaction.started"}'));
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash });
    expect(journal.head()).toEqual({ seq: 2, hash: b.hash });
  });

  it('defaults to no transaction and an empty payload, and drops undefined members', () => {
    const { journal } = setup();
    const e = journal.append({ type: 'lane.started', payload: { x: undefined, y: 1 } });
    expect(e).toMatchObject({ transactionId: null, payload: { y: 1 } });
    expect(journal.append({ type: 'lane.idle' }).payload).toEqual({});
  });

  it('throws TypeError for a bad type or a non-JSON payload, and appends nothing', () => {
    const { journal } = setup();
    expect(() => journal.append({ type: 'Added' })).toThrow(TypeError);
    expect(() => journal.append({ type: 'item.added', payload: { n: Number.NaN } })).not.toThrow(); // JSON form: null
    expect(() => journal.append({ type: 'item.added', transactionId: '' })).toThrow(TypeError);
    expect(journal.head().seq).toBe(1);
  });

  it('stores a card-number-looking value masked (first 6, last 4), never refused', () => {
    const { journal } = setup();
    expect(journal.append({ type: 'payment.approved', payload: { pan: '4111111111111111' } }).payload).toEqual({ pan: '411111******1111' });
    expect(journal.append({ type: 'payment.approved', payload: { maskedPan: '************1111', resultCode: '00' } }).seq).toBe(2);
    expect(JSON.stringify(journal.entries().entries)).not.toContain('4111111111111111');
    expect(journal.verify().ok).toBe(true);
  });
});

describe('Journal.appendAll', () => {
  it('appends the events of one decision in order, chained, in one transaction', () => {
    const { journal } = setup();
    journal.append({ type: 'transaction.started', transactionId: 't1' });
    const got = journal.appendAll([
      { type: 'item.added', transactionId: 't1', payload: { lineId: 'l1' } },
      { type: 'intervention.raised', transactionId: 't1', payload: { kind: 'ageCheck' } },
    ]);
    expect(got.map((e) => e.seq)).toEqual([2, 3]);
    expect(got[1]!.prevHash).toBe(got[0]!.hash);
    expect(journal.verify().ok).toBe(true);
    expect(journal.appendAll([])).toEqual([]);
  });

  it('writes nothing when any event is bad (a bad type); a card number is masked', () => {
    const { journal } = setup();
    journal.append({ type: 'transaction.started', transactionId: 't1' });
    expect(() => journal.appendAll([{ type: 'item.added', transactionId: 't1' }, { type: 'bad type', transactionId: 't1' }])).toThrow(TypeError);
    expect(journal.entries().entries.map((e) => e.type)).toEqual(['transaction.started']);
    expect(journal.appendAll([{ type: 'item.added', transactionId: 't1' }, { type: 'payment.approved', payload: { pan: '4111111111111111' } }])[1]?.payload).toEqual({ pan: '411111******1111' });
    expect(journal.verify().ok).toBe(true);
  });
});

describe('Journal reads', () => {
  it('lists entries from a seq and per transaction', () => {
    const { journal } = setup();
    journal.append({ type: 'transaction.started', transactionId: 't1' });
    journal.append({ type: 'item.added', transactionId: 't1', payload: { n: 1 } });
    journal.append({ type: 'lane.paused' });
    journal.append({ type: 'transaction.started', transactionId: 't2' });
    expect(journal.entries(3).entries.map((e) => e.seq)).toEqual([3, 4]);
    expect(journal.entries(1, 2).entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(journal.forTransaction('t1').entries.map((e) => e.type)).toEqual(['transaction.started', 'item.added']);
    expect(journal.forTransaction('nope')).toEqual({ entries: [], corrupt: [] });
  });

  it('finds the last transaction while it is open, and not once it is closed', () => {
    const { journal } = setup();
    expect(journal.lastOpenTransaction()).toBeNull();
    journal.append({ type: 'transaction.started', transactionId: 't1' });
    journal.append({ type: 'transaction.completed', transactionId: 't1' });
    expect(journal.lastOpenTransaction()).toBeNull();
    journal.append({ type: 'transaction.started', transactionId: 't2' });
    journal.append({ type: 'item.added', transactionId: 't2', payload: { itemId: 'milk' } });
    journal.append({ type: 'lane.heartbeat' });
    const open = journal.lastOpenTransaction();
    expect(open?.transactionId).toBe('t2');
    expect(open?.entries.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('reports a corrupt row instead of throwing', () => {
    const { db, journal } = setup();
    journal.append({ type: 'item.added', payload: { n: 1 } });
    unlock(db);
    db.prepare("UPDATE journal SET payload = '{oops' WHERE seq = 1").run();
    db.prepare("INSERT INTO journal (seq, at, type, payload, prev_hash, hash) VALUES (2, 0, 'item.added', '[1]', 'x', 'y')").run();
    const read = journal.entries();
    expect(read.entries).toEqual([]);
    expect(read.corrupt).toEqual([
      { seq: 1, reason: 'payload is not JSON' },
      { seq: 2, reason: expect.stringContaining('invalid journal entry') },
    ]);
  });
});

describe('Journal.verify', () => {
  function filled(): { db: Database; journal: Journal } {
    const { db, journal } = setup();
    for (let i = 0; i < 5; i++) journal.append({ type: 'item.added', transactionId: 't1', payload: { i } });
    return { db, journal };
  }

  it('verifies an empty journal and an intact one', () => {
    expect(setup().journal.verify()).toEqual({ ok: true, value: { count: 0, headHash: GENESIS_HASH } });
    const { journal } = filled();
    expect(journal.verify()).toEqual({ ok: true, value: { count: 5, headHash: journal.head().hash } });
  });

  it('detects an altered payload', () => {
    const { db, journal } = filled();
    unlock(db);
    db.prepare(`UPDATE journal SET payload = '{"i":99}' WHERE seq = 3`).run();
    expect(journal.verify()).toMatchObject({ ok: false, error: { code: 'internal', detail: { seq: 3, reason: 'hash does not match the entry (altered)' } } });
  });

  it('detects an altered time, type or transaction', () => {
    for (const change of ['at = at + 1', "type = 'item.voided'", "transaction_id = 't2'"]) {
      const { db, journal } = filled();
      unlock(db);
      db.prepare(`UPDATE journal SET ${change} WHERE seq = 2`).run();
      expect(journal.verify()).toMatchObject({ ok: false, error: { detail: { seq: 2 } } });
    }
  });

  it('detects a row rewritten with a recomputed hash by the next row’s prevHash', () => {
    const { db, journal } = filled();
    unlock(db);
    const row = db.prepare<[], { at: number; prev_hash: string }>('SELECT at, prev_hash FROM journal WHERE seq = 2').get();
    if (!row) throw new Error('row 2 missing');
    const payload = { i: 42 };
    const hash = sha256Hex(row.prev_hash + canonicalJson({ seq: 2, at: row.at, transactionId: 't1', type: 'item.added', payload }));
    db.prepare('UPDATE journal SET payload = ?, hash = ? WHERE seq = 2').run(JSON.stringify(payload), hash);
    expect(journal.verify()).toMatchObject({ ok: false, error: { detail: { seq: 3, reason: 'prevHash does not match the previous entry' } } });
  });

  it('detects a removed row in the middle', () => {
    const { db, journal } = filled();
    unlock(db);
    db.prepare('DELETE FROM journal WHERE seq = 2').run();
    expect(journal.verify()).toMatchObject({ ok: false, error: { detail: { seq: 2, reason: 'entries 2..2 are missing' } } });
  });

  it('detects a removed tail through the head record', () => {
    const { db, journal } = filled();
    unlock(db);
    db.prepare('DELETE FROM journal WHERE seq >= 4').run();
    expect(journal.verify()).toMatchObject({ ok: false, error: { detail: { seq: 4, reason: 'entries after seq 3 are missing (head names 5)' } } });
  });

  it('detects a journal emptied completely', () => {
    const { db, journal } = filled();
    unlock(db);
    db.prepare('DELETE FROM journal').run();
    expect(journal.verify()).toMatchObject({ ok: false });
  });
});

describe('Journal across reopen', () => {
  it('continues the chain in a reopened file database', () => {
    const tmp = tempDir('lane-journal-');
    const clock = new ManualClock();
    const db1 = openDatabase(tmp.path());
    const first = new Journal(db1, clock).append({ type: 'lane.started' });
    db1.close();
    const db2 = openDatabase(tmp.path());
    const journal = new Journal(db2, clock);
    const second = journal.append({ type: 'transaction.started', transactionId: 't1' });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(journal.verify()).toMatchObject({ ok: true, value: { count: 2 } });
    db2.close();
    tmp.cleanup();
  });
});
