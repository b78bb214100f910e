import { describe, expect, it } from 'vitest';
import { memoryLane, type TestLane } from '../../test/helpers/memoryLane.ts';

/** An age check is about the restricted items in the basket: with none left, it is moot. */

const WATER = '4006381333931'; // 1560 g
const BEER = '4008387012346'; // age 16, 780 g

let seq = 0;
const voidLine = (lane: TestLane, lineId: string) => {
  const who = lane.service.attendantAccount('alex')!;
  return lane.service.command({ id: `cmd-agevoid-${++seq}-xx`, by: who.id, type: 'item.void', lineId }, { attendant: who });
};
const view = (lane: TestLane) => lane.service.view();

describe('voiding the age-restricted items clears the age check', () => {
  it('voiding the only restricted item resolves the pending age check and unblocks the lane', () => {
    const lane = memoryLane();
    lane.sim.scanner.scan(WATER);
    lane.sim.baggingScale.change(1560);
    lane.sim.scanner.scan(BEER);
    expect(view(lane).interventions.map((i) => i.kind)).toEqual(['ageCheck']);
    const beer = view(lane).lines.find((l) => l.code === BEER)!;
    expect(voidLine(lane, beer.lineId).ok).toBe(true);
    expect(view(lane).interventions).toEqual([]);
    expect(view(lane).blocked).toBe(false);
    expect(lane.journal.rows.filter((r) => r.type === 'intervention.resolved').at(-1)?.payload).toMatchObject({ resolution: 'auto' });
  });

});
