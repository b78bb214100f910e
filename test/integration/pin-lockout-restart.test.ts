import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLane, type OpenLane } from '../../lane/lane.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';

/** The PIN lockout survives a restart: it is rebuilt from the journaled failed logins. */
const root = resolve(import.meta.dirname, '../..');
const open: OpenLane[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function start(dataDir: string, clock: ManualClock): OpenLane {
  const lane = openLane({ dataDir, catalogue: join(root, 'fixtures/catalogue.json'), config: { pin: { maxFailures: 3, lockoutMs: 60_000 } }, clock, logger: silentLogger, devices: 'sim' });
  open.push(lane);
  return lane;
}

describe('PIN lockout across a restart', () => {
  it('fail 3 times, restart on the same data: still locked, the right PIN refused, let in after the lockout', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lane-pin-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const first = start(dataDir, clock);
    for (let i = 0; i < 3; i++) expect(await first.service.login('0000')).toMatchObject({ ok: false });
    expect(await first.service.login('1234')).toMatchObject({ ok: false, error: { detail: { reason: 'lockedOut' } } });
    await first.close();
    open.splice(0);

    clock.advance(10_000);
    const second = start(dataDir, clock);
    expect(await second.service.login('1234')).toMatchObject({ ok: false, error: { detail: { reason: 'lockedOut' } } });
    clock.advance(50_001);
    expect(await second.service.login('1234')).toMatchObject({ ok: true });
  });

  it('failures below the limit carry over too: one more after the restart locks', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lane-pin-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const first = start(dataDir, clock);
    for (let i = 0; i < 2; i++) await first.service.login('0000');
    await first.close();
    open.splice(0);
    const second = start(dataDir, clock);
    expect(await second.service.login('0000')).toMatchObject({ ok: false, error: { detail: { reason: 'lockedOut' } } });
  });
});
