/**
 * A lane service in a child process for kill tests. Reads commands line by line on stdin
 * (`scan <code>`, `bag <grams>`, `pay`, `approve`), and after each one prints
 * `ack <n> <json view summary>` — only once the service has acknowledged it.
 * Usage: tsx test/helpers/laneChild.ts <dataDir> <catalogue.json>
 */
import { createInterface } from 'node:readline';
import { openLane } from '../../lane/lane.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';

const [dataDir, catalogue] = process.argv.slice(2);
if (!dataDir || !catalogue) throw new Error('usage: laneChild <dataDir> <catalogue>');
const lane = openLane({ dataDir, catalogue, clock: systemClock, logger: silentLogger, devices: 'sim' });
const sim = lane.sim!;
let n = 0;
const summary = () => {
  const v = lane.service.view();
  return JSON.stringify({ screen: v.screen, lines: v.lines.map((l) => [l.code, l.quantity ?? l.weightGrams]), total: v.totalMinor, interventions: v.interventions.map((i) => i.kind), payment: v.payment?.status ?? null });
};
process.stdout.write(`ready ${summary()}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, arg] = line.trim().split(/\s+/);
  if (cmd === 'scan' && arg) sim.scanner.scan(arg);
  else if (cmd === 'bag' && arg) sim.baggingScale.change(Number(arg));
  else if (cmd === 'pay') {
    lane.service.intent({ type: 'pay.start' });
    lane.service.intent({ type: 'pay.card' });
  } else if (cmd === 'approve') sim.terminal.setBehaviour('approve');
  setImmediate(() => process.stdout.write(`ack ${++n} ${summary()}\n`));
});
