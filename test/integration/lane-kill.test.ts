import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openLane } from '../../lane/lane.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { TEST_ITEMS } from '../helpers/memoryLane.ts';

/**
 * Kill -9 the lane service process at several points of a transaction, restart it on the same
 * database, and check that what it had acknowledged is all there, exactly.
 */
const root = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function catalogueFile(dir: string): string {
  const file = join(dir, 'catalogue.json');
  writeFileSync(file, JSON.stringify({ version: 1, currency: 'EUR', taxes: { standard: 1900, reduced: 700 }, categories: [], items: TEST_ITEMS, promotions: [] }));
  return file;
}

class Child {
  readonly proc: ChildProcessWithoutNullStreams;
  private lines: string[] = [];
  private waiters: ((l: string) => void)[] = [];
  constructor(dataDir: string, catalogue: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/laneChild.ts', dataDir, catalogue], { cwd: root, env: { ...process.env, LANE_LOG_LEVEL: 'silent' } });
    createInterface({ input: this.proc.stdout }).on('line', (l) => {
      const w = this.waiters.shift();
      if (w) w(l);
      else this.lines.push(l);
    });
  }
  next(): Promise<string> {
    const l = this.lines.shift();
    return l !== undefined ? Promise.resolve(l) : new Promise((r) => this.waiters.push(r));
  }
  async cmd(c: string): Promise<Record<string, unknown>> {
    this.proc.stdin.write(`${c}\n`);
    const line = await this.next();
    return JSON.parse(line.replace(/^ack \d+ /, '')) as Record<string, unknown>;
  }
  kill(): Promise<void> {
    return new Promise((r) => {
      this.proc.once('exit', () => r());
      this.proc.kill('SIGKILL');
    });
  }
}

function reopen(dataDir: string, catalogue: string) {
  const lane = openLane({ dataDir, catalogue, clock: new ManualClock(), logger: silentLogger, devices: 'sim' });
  const v = lane.service.view();
  const summary = { screen: v.screen, lines: v.lines.map((l) => [l.code, l.quantity ?? l.weightGrams]), total: v.totalMinor, interventions: v.interventions.map((i) => i.kind), payment: v.payment?.status ?? null };
  return { lane, summary, chain: lane.journal.verify() };
}

describe('kill -9 and restart', () => {
  it.each([
    ['after the first scan', ['scan 4006381333931']],
    ['with an unbagged item and an age check pending', ['scan 5901234123457', 'bag 105', 'scan 4008387012346']],
    ['mid-basket with repeated scans', ['scan 5901234123457', 'bag 105', 'scan 5901234123457', 'bag 105', 'scan 96385074']],
    ['after a card approval', ['scan 4000000000006', 'pay', 'approve']],
  ])('%s: the acknowledged state comes back exactly', async (_name, steps) => {
    const dir = mkdtempSync(join(tmpdir(), 'lane-kill-'));
    dirs.push(dir);
    const cat = catalogueFile(dir);
    const child = new Child(join(dir, 'data'), cat);
    await child.next(); // ready
    let last: Record<string, unknown> = {};
    for (const s of steps) last = await child.cmd(s);
    await child.kill();
    const { lane, summary, chain } = reopen(join(dir, 'data'), cat);
    expect(chain.ok).toBe(true);
    if (last.screen === 'thanks') {
      // A paid transaction comes back paid (receipt reprinted if needed).
      expect(summary.payment).toBe('approved');
    } else {
      expect(summary).toEqual(last);
    }
    await lane.close();
  });
});
