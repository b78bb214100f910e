import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layout rules (.dependency-cruiser.cjs) fire on the imports they forbid. A tree of tiny
 * files with the project's folder names, one forbidden import per case, is cruised with the
 * project's own rule set; the real tree is cruised by `npm test` (check:layout) and here.
 */
const REPO = join(import.meta.dirname, '..');
const DEPCRUISE = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const FOLDERS = ['contracts', 'core', 'drivers', 'store-bus', 'broker', 'lane', 'renderer', 'host', 'electron', 'test'];

interface Case { file: string; imports: string; rule: string | null }
const cases: Case[] = [
  { file: 'drivers/scale/driver.ts', imports: '../../lane/service.ts', rule: 'drivers-do-not-know-the-lane' },
  { file: 'drivers/scanner/driver.ts', imports: '../../core/clock.ts', rule: null },
  { file: 'renderer/attendant/store.ts', imports: '../../lane/bus/laneBus.ts', rule: 'renderer-sees-only-contracts-and-the-bus' },
  { file: 'renderer/shopper/App.tsx', imports: '../../drivers/scale/codec.ts', rule: 'renderer-sees-only-contracts-and-the-bus' },
  { file: 'renderer/attendant/Summary.tsx', imports: '../../store-bus/insights.ts', rule: null },
  { file: 'lane/island.ts', imports: '../electron/main/main.ts', rule: 'lane-does-not-know-its-shell-or-ui' },
  { file: 'lane/start.ts', imports: '../host/supervisor.ts', rule: 'lane-does-not-know-its-shell-or-ui' },
  { file: 'lane/view.ts', imports: '../renderer/shared/format.ts', rule: 'lane-does-not-know-its-shell-or-ui' },
  { file: 'contracts/view.ts', imports: '../core/log.ts', rule: 'contracts-import-nothing-of-ours' },
  { file: 'core/clock.ts', imports: '../lane/config.ts', rule: 'core-imports-only-contracts' },
  { file: 'store-bus/insights.ts', imports: '../lane/checkout/tx.ts', rule: 'store-bus-is-shared-and-pure' },
  { file: 'store-bus/acl.ts', imports: 'node:fs', rule: 'store-bus-runs-in-the-browser' },
  { file: 'broker/broker.ts', imports: '../lane/auth.ts', rule: 'brokers-use-only-the-shared-bus' },
  { file: 'host/island.ts', imports: '../lane/main.ts', rule: 'host-runs-lanes-as-processes' },
  { file: 'electron/main/main.ts', imports: '../../lane/config.ts', rule: 'shell-uses-the-host-never-the-lane' },
  { file: 'electron/main/policy.ts', imports: '../../host/supervisor.ts', rule: null },
  { file: 'electron/preload/preload.ts', imports: '../../core/log.ts', rule: 'preload-is-alone-in-its-sandbox' },
  { file: 'electron/main/recovery.ts', imports: '../preload/bridge.ts', rule: 'main-process-and-preload-apart' },
  { file: 'lane/sim/wire.ts', imports: '../../test/helpers/socat.ts', rule: 'product-code-uses-no-test-doubles' },
  { file: 'lane/devices.ts', imports: '../drivers/transport/testing/fake.ts', rule: 'product-code-uses-no-test-doubles' },
  { file: 'lane/a.ts', imports: '../core/b.ts', rule: null },
];
/** A cycle between two modules: host/x.ts ↔ electron/y.ts. */
const cycle = [
  { file: 'host/cycle-a.ts', imports: '../electron/cycle-b.ts' },
  { file: 'electron/cycle-b.ts', imports: '../host/cycle-a.ts' },
];

const work = mkdtempSync(join(tmpdir(), 'lane-layout-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function put(path: string, text: string): void {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

function cruise(cwd: string, targets: string[]): { rule: string; from: string; to: string }[] {
  const r = spawnSync(process.execPath, [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...targets], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = JSON.parse(r.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return out.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('layout rules (.dependency-cruiser.cjs)', () => {
  copyFileSync(join(REPO, '.dependency-cruiser.cjs'), join(work, '.dependency-cruiser.cjs'));
  put('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true, jsx: 'react-jsx' } }));
  for (const c of [...cases, ...cycle]) {
    put(c.file, c.imports.startsWith('node:') ? `import '${c.imports}';\n` : `import { x } from '${c.imports}';\nexport const y = x;\n`);
    if (!c.imports.startsWith('node:')) {
      const target = join(dirname(c.file), c.imports);
      put(target, target.endsWith('cycle-a.ts') || target.endsWith('cycle-b.ts') ? `import { y } from '../${c.file}';\nexport const x = y;\n` : 'export const x = 1;\n');
    }
  }
  const found = cruise(work, FOLDERS.filter((f) => f !== 'test'));

  for (const c of cases) {
    it(c.rule ? `${c.file} → ${c.imports} breaks "${c.rule}"` : `${c.file} → ${c.imports} is allowed`, () => {
      const mine = found.filter((v) => v.from === c.file);
      if (c.rule) expect(mine.map((v) => v.rule)).toContain(c.rule);
      else expect(mine).toEqual([]);
    });
  }

  it('a cycle between host/ and electron/ breaks "no-cycles-between-modules"', () => {
    const cycles = found.filter((v) => v.rule === 'no-cycles-between-modules');
    expect(cycles.length).toBeGreaterThan(0);
    for (const v of cycles) expect(['host/cycle-a.ts', 'electron/cycle-b.ts']).toContain(v.from);
  });

  it('the real tree keeps every rule', () => {
    expect(cruise(REPO, FOLDERS.filter((f) => f !== 'test'))).toEqual([]);
  });

  it('the CLI names the file and the rule of a violation, and fails', () => {
    const r = spawnSync(process.execPath, [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'drivers'], { cwd: work, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('drivers-do-not-know-the-lane: drivers/scale/driver.ts → lane/service.ts');
  });
});

