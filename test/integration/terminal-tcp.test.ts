/**
 * ZVT over real TCP on 127.0.0.1: driver (TCP client via createTransport + Supervisor) against
 * the simulator's TCP server. The recorded byte conversation is then written as a pcap and
 * decoded by Wireshark's own ZVT dissector (tshark) as an independent check of our frames.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../contracts/devices.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import type { PaymentHooks } from '../../contracts/ports.ts';
import { TerminalConfig, ZvtSimulator, openTerminal, type ZvtTerminalPort } from '../../drivers/terminal/index.ts';
import { writePcap } from './terminal-pcap.ts';
import { waitForHealth } from '../helpers/wait.ts';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

const waitHealth = (t: ZvtTerminalPort, status: DeviceHealth['status']) => waitForHealth(t, status);

const hooks: PaymentHooks = { onPrompt: () => {}, persistApproval: () => {} };

describe('ZVT over TCP (127.0.0.1:0)', () => {
  const sim = new ZvtSimulator({ clock: systemClock, logger: silentLogger });
  let server: Awaited<ReturnType<ZvtSimulator['listenTcp']>>;
  let term: ZvtTerminalPort;
  const dir = mkdtempSync(join(tmpdir(), 'zvt-'));

  beforeAll(async () => {
    server = await sim.listenTcp(0);
    const config = TerminalConfig.parse({ protocol: 'zvt', transport: { kind: 'tcp', host: '127.0.0.1', port: server.port } });
    term = openTerminal(config, { clock: systemClock, logger: silentLogger });
    await waitHealth(term, 'ok');
  });

  afterAll(async () => {
    await term.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('defaults the ZVT port to 20007 when none is configured', () => {
    const c = TerminalConfig.parse({ protocol: 'zvt', transport: { kind: 'tcp', host: '10.0.0.9' } });
    expect(c.transport).toMatchObject({ kind: 'tcp', port: 20007 });
  });

  it('approves, declines, and answers a status enquiry over a real socket', async () => {
    expect(await term.pay({ amountMinor: 1234, currency: 'EUR', reference: 'a' }, hooks)).toMatchObject({ status: 'approved', amountMinor: 1234 });
    sim.script({ kind: 'decline', resultCode: 0x05 });
    expect(await term.pay({ amountMinor: 500, currency: 'EUR', reference: 'b' }, hooks)).toEqual({ status: 'declined', reason: 'declined', resultCode: '05' });
    expect(await term.statusEnquiry()).toMatchObject({ ok: true, value: { terminalStatus: 0 } });
  });

  it('reconnects and registers again after the terminal drops the connection', async () => {
    const before = sim.received.filter((a) => a.cls === 0x06 && a.instr === 0x00).length;
    const down = waitHealth(term, 'offline');
    server.dropAll();
    await down;
    await waitHealth(term, 'ok');
    expect(sim.received.filter((a) => a.cls === 0x06 && a.instr === 0x00).length).toBe(before + 1);
    expect(await term.pay({ amountMinor: 100, currency: 'EUR', reference: 'c' }, hooks)).toMatchObject({ status: 'approved' });
  });

  it.skipIf(!hasTshark)('tshark decodes the recorded session with no malformed frames, amounts and result codes as sent', () => {
    const file = join(dir, 'zvt.pcap');
    writeFileSync(file, writePcap(sim.wire.map((w) => ({ from: w.direction, bytes: w.bytes })), { terminalPort: server.port }));
    const decodeAs = `tcp.port==${server.port},zvt`;
    const verbose = execFileSync('tshark', ['-r', file, '-d', decodeAs, '-V'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(verbose).toContain('ZVT Kassenschnittstelle');
    expect(verbose).not.toMatch(/Malformed/);
    expect(verbose).not.toMatch(/Expert Info \(Error/);
    const fields = execFileSync('tshark', ['-r', file, '-d', decodeAs, '-T', 'fields', '-e', 'zvt.control_field', '-e', 'zvt.amount', '-e', 'zvt.result_code'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const rows = fields.split('\n').map((l) => l.split('\t'));
    const amountsOf = (cf: string) => rows.filter((r) => r[0]?.split(',').includes(cf)).flatMap((r) => (r[1] ? r[1].split(',') : []));
    expect(amountsOf('0x0601')).toEqual(['1234', '500', '100']); // authorizations as sent
    expect(rows.some((r) => r[0]?.includes('0x061e') && r[2]?.split(',').includes('0x05'))).toBe(true); // decline 05
    expect(rows.some((r) => r[0]?.includes('0x040f') && r[2]?.split(',').includes('0x00'))).toBe(true); // approval 27 00
    expect(rows.filter((r) => r[0]?.split(',').includes('0x0600')).length).toBe(2); // two registrations
  });
});
