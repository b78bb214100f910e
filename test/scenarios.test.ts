import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { socatAvailable } from '../drivers/transport/sim/socat.ts';
import { loadScenario, runScenario } from '../lane/scenario/runner.ts';

/** Every shipped scenario runs against a real lane service; the runner reports failures precisely. */
const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'fixtures/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const hasSocat = socatAvailable();
const isWire = (f: string) => JSON.stringify(JSON.parse(readFileSync(join(dir, f), 'utf8')).lane ?? {}).includes('"devices"');

describe('shipped scenarios', () => {
  it('there are at least 25 of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });
  if (!hasSocat) console.log('scenarios: socat missing, wire-mode scenarios skipped (apt-get install socat)');
  for (const f of files) {
    it.skipIf(isWire(f) && !hasSocat)(f, { timeout: 60_000 }, async () => {
      const report = await runScenario(loadScenario(join(dir, f)));
      expect(report.failedStep, JSON.stringify(report.failedStep)).toBeNull();
      expect(report.passed).toBe(true);
      expect(report.journal.chainValid).toBe(true);
    });
  }
});

describe('scenario runner', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'lane-scn-'));
  const write = (name: string, body: unknown) => {
    const p = join(tmp, name);
    writeFileSync(p, JSON.stringify(body));
    return p;
  };

  it('reports the failing step, why, and stops there', async () => {
    const file = write('fail.json', { name: 'wrong total', steps: [{ scan: '4012345000092' }, { expect: { totalMinor: 1 } }, { scan: '4012345000108' }] });
    const r = await runScenario(loadScenario(file));
    expect(r.passed).toBe(false);
    expect(r.failedStep).toMatchObject({ index: 2, reason: 'totalMinor: expected 1, got 59' });
    expect(r.steps).toHaveLength(2);
  });

  it('the CLI prints a line per step and "N passed, N failed", exiting 1 on failure', () => {
    const good = write('good.json', { name: 'ok', steps: [{ scan: '4012345000092' }, { expect: { itemCount: 1 } }] });
    const bad = write('bad.json', { name: 'bad', steps: [{ scan: '4012345000092' }, { expect: { itemCount: 2 } }] });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'lane/scenario/cli.ts', good, bad], { cwd: root, encoding: 'utf8', env: { ...process.env, LANE_LOG_LEVEL: 'silent' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('FAIL step 2 expect: itemCount: expected 2, got 1');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('--json prints the final view, receipts and a journal summary', () => {
    const file = write('json.json', { name: 'json', steps: [{ scan: '4049999000024' }, { tap: 'pay' }, { card: 'approve' }] });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'lane/scenario/cli.ts', file, '--json'], { cwd: root, encoding: 'utf8', env: { ...process.env, LANE_LOG_LEVEL: 'silent' } });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { passed: boolean; view: { screen: string }; receipts: string[]; journal: { byType: Record<string, number>; chainValid: boolean } };
    expect(report.passed).toBe(true);
    expect(report.view.screen).toBe('thanks');
    expect(report.receipts[0]).toContain('TOTAL');
    expect(report.journal.byType['payment.approved']).toBe(1);
    expect(report.journal.chainValid).toBe(true);
  });

  it('an unknown step field fails the file with its name, step and field', () => {
    const file = write('unknown.json', { name: 'x', steps: [{ scan: '1', speed: 'fast' }] });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'lane/scenario/cli.ts', file], { cwd: root, encoding: 'utf8', env: { ...process.env, LANE_LOG_LEVEL: 'silent' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("unknown.json: step 1 ('scan'): unknown field 'speed'");
  });
});
