/**
 * Test helper (run as a child process by journal.crash.test.ts): append events to the
 * journal at argv[2] forever, printing each seq only after `append` returned — i.e. after
 * the event was acknowledged. The parent SIGKILLs this process mid-stream.
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../db/database.ts';
import { systemClock } from '../../core/clock.ts';
import { Journal } from './journal.ts';

const path = process.argv[2];
if (!path) throw new TypeError('usage: crashChild.ts <db path>');
const journal = new Journal(openDatabase(path), systemClock);
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const entry = journal.append({ type: 'item.added', transactionId: `t-${Math.floor(i / 10)}`, payload: { itemId: `sku-${i}`, priceMinor: i } });
  writeSync(1, `${entry.seq}\n`);
}
