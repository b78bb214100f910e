/**
 * A payment whose answer is lost with the link: the terminal took the money, the lane heard
 * nothing. Over real TCP the driver reconnects and reconciles with a repeat-receipt (`06 20`),
 * so the lane books the payment instead of calling it failed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../contracts/devices.ts';
import { TerminalConfig, ZvtSimulator, openTerminal, type ZvtTerminalPort } from '../../drivers/terminal/index.ts';
import type { PaymentHooks } from '../../contracts/ports.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { waitForHealth } from '../helpers/wait.ts';

const hooks: PaymentHooks = { onPrompt: () => {}, persistApproval: () => {} };

const waitHealth = (t: ZvtTerminalPort, status: DeviceHealth['status']) => waitForHealth(t, status);

describe('ZVT reconciliation over TCP', () => {
  const sim = new ZvtSimulator({ clock: systemClock, logger: silentLogger });
  let server: Awaited<ReturnType<ZvtSimulator['listenTcp']>> | undefined;
  let term: ZvtTerminalPort | undefined;
  afterAll(async () => {
    await term?.close();
    await server?.close();
  });

  it('finds the approval the lane never heard, and refuses one it already knows', async () => {
    server = await sim.listenTcp(0);
    term = openTerminal(TerminalConfig.parse({ protocol: 'zvt', transport: { kind: 'tcp', host: '127.0.0.1', port: server.port } }), {
      clock: systemClock,
      logger: silentLogger,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    await waitHealth(term, 'ok');
    sim.script({ kind: 'lostAnswer' });
    const request = { amountMinor: 1234, currency: 'EUR', reference: 'pay-1' };
    const outcome = await term.pay(request, hooks);
    expect(outcome.status).toBe('timeout');
    const found = await term.reconcile!(request, new Set());
    expect(found).toMatchObject({ status: 'approved', amountMinor: 1234, resultCode: '00' });
    const ref = (found as { reference: string }).reference;
    expect(ref).toMatch(/^receipt:\d{4}$/);
    expect(await term.reconcile!(request, new Set([ref]))).toBeNull();
    expect(await term.reconcile!({ ...request, amountMinor: 999 }, new Set())).toBeNull();
  });
});
