import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { tempDir } from '../db/testing.ts';
import { systemClock } from '../../core/clock.ts';
import { Journal } from './journal.ts';

const tmp = tempDir('lane-journal-crash-');
afterAll(() => tmp.cleanup());

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

describe('Journal durability', () => {
  it('keeps every acknowledged entry and a valid chain when the writer is killed with SIGKILL', async () => {
    // GIVEN a child process appending as fast as it can and printing each acknowledged seq
    const path = tmp.path();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: number[] = [];
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // WHEN it is killed with SIGKILL mid-stream, after some appends were acknowledged
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      let started = 0;
      const timer = setTimeout(() => reject(new Error(`child produced too little: ${acknowledged.length} acks; ${stderr}`)), 15_000);
      child.stdout.on('data', (b: Buffer) => {
        buffered += b.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line === 'ready') started = Date.now();
          else acknowledged.push(Number(line));
        }
        if (acknowledged.length >= 150 || (started > 0 && acknowledged.length >= 20 && Date.now() - started > 2000)) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(await exited).toBe('SIGKILL');

    // THEN every acknowledged seq is there, in order, and the chain verifies
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(acknowledged).toEqual(acknowledged.map((_, i) => i + 1));
    const db = openDatabase(path);
    const journal = new Journal(db, systemClock);
    const verified = journal.verify();
    expect(verified.ok).toBe(true);
    const count = verified.ok ? verified.value.count : 0;
    expect(count).toBeGreaterThanOrEqual(acknowledged.length);
    const { entries, corrupt } = journal.entries();
    expect(corrupt).toEqual([]);
    const seqs = new Set(entries.map((e) => e.seq));
    for (const seq of acknowledged) expect(seqs.has(seq)).toBe(true);

    // AND the reopened journal continues the chain
    const next = journal.append({ type: 'lane.restarted' });
    expect(next.seq).toBe(count + 1);
    expect(journal.verify()).toMatchObject({ ok: true, value: { count: count + 1 } });
    db.close();
  });
});
