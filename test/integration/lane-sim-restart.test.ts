import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLane } from '../../lane/lane.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';

/** A restarted simulated lane finds its simulated scales as they were, like real hardware. */
const dir = mkdtempSync(join(tmpdir(), 'lane-simrestart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalogue = resolve(import.meta.dirname, '../../fixtures/catalogue.json');

describe('simulated lane restart', () => {
  it('keeps what lies on the bagging scale, so the recovered basket raises no false alarm', async () => {
    const clock = new ManualClock();
    const a = openLane({ dataDir: dir, catalogue, clock, logger: silentLogger, devices: 'sim' });
    a.sim!.scanner.scan('4012345000092'); // cream, 212 g
    a.sim!.baggingScale.change(212);
    expect(a.service.view().prompt.id).toBe('scanItem');
    await a.close();

    const b = openLane({ dataDir: dir, catalogue, clock, logger: silentLogger, devices: 'sim' });
    expect(b.sim!.baggingScale.grams).toBe(212);
    expect(b.service.view().lines).toHaveLength(1);
    b.sim!.scanner.scan('4012345000108'); // sour cream, 210 g
    b.sim!.baggingScale.change(210);
    expect(b.service.view().interventions).toEqual([]);
    expect(b.service.view().prompt.id).toBe('scanItem');
    await b.close();
  });
});
