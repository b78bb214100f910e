/**
 * ZVT serial framing over a real pty pair (socat) with the real serialport binding:
 * driver (9600 8N2, DLE/STX frames, single-byte ACK/NAK) against the simulator on the other end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../contracts/devices.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import type { PaymentHooks } from '../../contracts/ports.ts';
import { TerminalConfig, ZvtSimulator, openTerminal, type ZvtTerminalPort } from '../../drivers/terminal/index.ts';
import { SerialTransportConfig } from '../../drivers/transport/config.ts';
import { SerialTransport } from '../../drivers/transport/serial.ts';
import { waitForHealth } from '../helpers/wait.ts';

const hasSocat = spawnSync('socat', ['-V']).status === 0;

const waitHealth = (t: ZvtTerminalPort, status: DeviceHealth['status']) => waitForHealth(t, status);

/** Start socat and resolve once it reports the data transfer loop (both ptys exist). */
function startSocat(a: string, b: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const p = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('starting data transfer loop')) resolve(p);
    });
    p.once('exit', (code) => reject(new Error(`socat exited ${code}: ${err}`)));
  });
}

describe.skipIf(!hasSocat)('ZVT serial framing over a socat pty pair', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zvt-pty-'));
  const ecrPath = join(dir, 'ecr');
  const terminalPath = join(dir, 'terminal');
  let socat: ChildProcess;
  let term: ZvtTerminalPort;
  let simPort: SerialTransport;
  const sim = new ZvtSimulator({ clock: systemClock, logger: silentLogger });
  const hooks: PaymentHooks = { onPrompt: () => {}, persistApproval: () => {} };

  beforeAll(async () => {
    socat = await startSocat(ecrPath, terminalPath);
    simPort = new SerialTransport(SerialTransportConfig.parse({ kind: 'serial', path: terminalPath, stopBits: 2 }), { clock: systemClock, logger: silentLogger });
    await simPort.open();
    sim.attach(simPort, { framing: 'serial' });
    const config = TerminalConfig.parse({ protocol: 'zvt', transport: { kind: 'serial', path: ecrPath } });
    expect(config.transport).toMatchObject({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 2 });
    term = openTerminal(config, { clock: systemClock, logger: silentLogger });
    await waitHealth(term, 'ok');
  });

  afterAll(async () => {
    await term?.close();
    await simPort?.close();
    if (socat && socat.exitCode === null) {
      const exited = new Promise((r) => socat.once('exit', r));
      socat.kill();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers, approves and declines with framed APDUs and transport ACKs', async () => {
    expect(await term.pay({ amountMinor: 1000, currency: 'EUR', reference: 's1' }, hooks)).toMatchObject({ status: 'approved', amountMinor: 1000 });
    sim.script({ kind: 'decline', resultCode: 0x64 });
    expect(await term.pay({ amountMinor: 1010, currency: 'EUR', reference: 's2' }, hooks)).toEqual({ status: 'declined', reason: 'cardUnreadable', resultCode: '64' });
    const ecrBytes = sim.wire.filter((w) => w.direction === 'ecr').flatMap((w) => [...w.bytes]);
    const hexStream = ecrBytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    // the €10.00 authorization went out as the stuffed worked frame (plus BMP 49 currency)
    expect(hexStream).toContain('10 02 06 01 0a 04 00 00 00 00 10 10 00 49 09 78 10 03');
    // terminal frames were acknowledged with single 06 bytes
    expect(ecrBytes.filter((b) => b === 0x06).length).toBeGreaterThan(5);
  });
});
