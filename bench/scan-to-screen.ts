/**
 * scan-to-screen: the last barcode byte handed to the scanner's port → the item row painted
 * in the shopper UI in Chromium. Three scanner kinds:
 *
 * - serial: the real serial scanner driver on one end of a socat pty pair (real serialport
 *   binding), the bytes written on the other end;
 * - HID POS and keyboard wedge: their transports are faked in-process (no /dev/uhid or
 *   /dev/input here), so time starts when the last report / the input records are handed
 *   to the fake HID backend / evdev source the driver reads.
 *
 * The lane is a real `openLane` (SQLite on disk) with that scanner and simulated scales,
 * printer and terminal, served by `startLaneServer` with a private build of the UI; the page
 * marks `lane:view:<seq>` on the animation frame after React commits the view
 * (renderer/shared/viewEvents.ts).
 *
 * Clocks: Node's `performance.timeOrigin + performance.now()` and the page's
 * `performance.timeOrigin + mark.startTime` both count wall-clock ms from their own origin.
 * Their offset is measured, not assumed: 30 round trips Node → page → Node, each giving
 * offset = page time − midpoint of the Node times; the one with the shortest round trip is
 * used (error ≤ its RTT/2, reported in the notes).
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ScannerConfig, encodeHidPosReports, encodeSerialScan, openScanner, WedgeScannerSim } from '../drivers/scanner/index.ts';
import { SerialTransport, SerialTransportConfig } from '../drivers/transport/index.ts';
import { SocatPair, socatAvailable } from '../drivers/transport/sim/socat.ts';
import { waitForHealth } from '../test/helpers/wait.ts';
import type { LaneView } from '../contracts/view.ts';
import type { ScannerPort } from '../contracts/ports.ts';
import { startLaneServer } from '../lane/server.ts';
import { createSimDevices } from '../lane/sim/devices.ts';
import { systemClock } from '../core/clock.ts';
import { silentLogger } from '../core/log.ts';
import { ensureUiBuilt, haveChromium, launchChromium } from '../test/helpers/e2e.ts';
import { openBenchLane, payAndFinish } from './lane.ts';
import { bench, metric, skipped, type BenchOptions, type BenchResult, type Metric } from './harness.ts';
import { FakeEvdevSource, FakeHidBackend } from '../drivers/transport/sim/index.ts';

const FRAME_MS = 1000 / 60;
const BAUD = 9600;
/** USB full-speed interrupt endpoint, bInterval 1 ms: the fastest a HID device can report. */
const USB_REPORT_MS = 1;

type Kind = 'serial' | 'hidpos' | 'wedge';

interface Rig {
  scanner: ScannerPort;
  /** Hand the code to the scanner's port; resolves the wall time just before the last byte/report went in. */
  scan(code: string): Promise<number>;
  /** Physical floor of getting the code's bytes to the host. */
  wireMs(code: string): number;
  describe: string;
  close(): Promise<void>;
}

/** Node wall clock in ms (same definition as the page's timeOrigin + now). */
const wall = (): number => performance.timeOrigin + performance.now();

async function rig(kind: Kind): Promise<Rig> {
  if (kind === 'serial') {
    const pair = new SocatPair();
    await pair.start();
    const device = new SerialTransport(SerialTransportConfig.parse({ kind: 'serial', path: pair.b, baudRate: BAUD }), { clock: systemClock, logger: silentLogger });
    await device.open();
    const scanner = openScanner(ScannerConfig.parse({ protocol: 'serial', transport: { kind: 'serial', path: pair.a, baudRate: BAUD }, suffix: 'CRLF' }), { clock: systemClock, logger: silentLogger });
    return {
      scanner,
      describe: `serial, socat pty pair, ${BAUD} 8N1, code + CRLF`,
      async scan(code) {
        const bytes = encodeSerialScan(code, { suffix: 'CRLF' });
        const t0 = wall();
        await device.write(bytes);
        return t0;
      },
      wireMs: (code) => ((code.length + 2) * 10 * 1000) / BAUD,
      async close() {
        await scanner.close();
        await device.close();
        await pair.dispose();
      },
    };
  }
  if (kind === 'hidpos') {
    const hid = new FakeHidBackend();
    const info = { path: '/dev/hidraw-bench', vendorId: 0x0c2e, productId: 0x0b6a, usagePage: 0x8c, usage: 0x02 };
    const device = hid.add(info);
    await device.open();
    const scanner = openScanner(ScannerConfig.parse({ protocol: 'hidpos', transport: { kind: 'hid', vendorId: 0x0c2e } }), { clock: systemClock, logger: silentLogger, hid });
    return {
      scanner,
      describe: 'HID POS (usage page 0x8C), fake HID backend, 64-byte reports',
      async scan(code) {
        const reports = encodeHidPosReports(code, { symbology: ']E0' });
        for (const r of reports.slice(0, -1)) await device.write(r);
        const t0 = wall();
        await device.write(reports[reports.length - 1] ?? new Uint8Array());
        return t0;
      },
      wireMs: (code) => encodeHidPosReports(code).length * USB_REPORT_MS,
      async close() {
        await scanner.close();
        await device.close();
      },
    };
  }
  const evdev = new FakeEvdevSource();
  const path = '/dev/input/by-id/bench-scanner-event-kbd';
  const sim = new WedgeScannerSim(evdev.plug(path), { layout: 'us', clock: systemClock });
  await sim.open();
  const scanner = openScanner(ScannerConfig.parse({ protocol: 'wedge', transport: { kind: 'evdev', path } }), { clock: systemClock, logger: silentLogger, evdev });
  const keyReports = (code: string): number => 2 * (code.length + 1); // press + release per key, Enter included
  return {
    scanner,
    describe: 'keyboard wedge, fake evdev node, US layout, code + Enter',
    async scan(code) {
      const records = sim.records(code);
      if (!records) throw new Error(`cannot type ${code}`);
      const t0 = wall();
      await sim.raw(records);
      return t0;
    },
    wireMs: (code) => keyReports(code) * USB_REPORT_MS,
    async close() {
      await scanner.close();
      await sim.close();
    },
  };
}

/** Page clock − Node clock, from the round trip with the shortest RTT. */
async function clockOffset(page: Page): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Infinity };
  for (let i = 0; i < 30; i++) {
    const a = wall();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const b = wall();
    if (b - a < best.rttMs) best = { offsetMs: p - (a + b) / 2, rttMs: b - a };
  }
  return best;
}

/** Page wall time of the first `lane:view:<n>` mark with n ≥ seq (a later view may carry the row if React batched). */
async function paintedAt(page: Page, seq: number): Promise<{ seq: number; at: number }> {
  const h = await page.waitForFunction(
    (want: number) => {
      let best: { seq: number; at: number } | null = null;
      for (const m of performance.getEntriesByType('mark')) {
        if (!m.name.startsWith('lane:view:')) continue;
        const n = Number(m.name.slice('lane:view:'.length));
        if (n >= want && (!best || n < best.seq)) best = { seq: n, at: performance.timeOrigin + m.startTime };
      }
      return best ?? false;
    },
    seq,
    { timeout: 15_000, polling: 'raf' },
  );
  return (await h.jsonValue()) as { seq: number; at: number };
}

async function measureKind(browser: Browser, uiDir: string, kind: Kind, scans: number, notes: string[]): Promise<Metric[]> {
  const r = await rig(kind);
  await waitForHealth(r.scanner, 'ok');
  const sim = createSimDevices(systemClock);
  const devices = { ...sim, scanner: r.scanner };
  const big = 3_600_000;
  const { lane, dir, items } = openBenchLane({ clock: systemClock, items: 1_000, devices, config: { timeouts: { idleMs: big, stillThereMs: big, stillThereAnswerMs: big, thanksMs: big } } });
  const server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0, staticDir: uiDir });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/?token=${server.token}`);
    await paintedAt(page, lane.service.view().seq);
    const views: LaneView[] = [];
    const offView = lane.service.onView((v) => views.push(v));
    const nextView = async (pred: (v: LaneView) => boolean): Promise<LaneView & { atWall: number }> => {
      for (let i = 0; i < 2_000; i++) {
        const v = views.find(pred);
        if (v) return { ...v, atWall: wall() };
        await new Promise((res) => setTimeout(res, 1));
      }
      throw new Error(`${kind}: no view (${lane.service.state()}, ${lane.service.view().prompt.id})`);
    };
    let viewWall = 0;
    const offStamp = lane.service.onView(() => {
      viewWall = wall();
    });

    const total: number[] = [];
    const toService: number[] = [];
    const wire: number[] = [];
    const warmup = 5;
    const perTransaction = 20;
    let inBasket = 0;
    let offset = await clockOffset(page);
    for (let i = 0; i < scans + warmup; i++) {
      const item = items[(i * 37) % items.length];
      if (!item) throw new Error('no item');
      const code = item.codes[0] ?? '';
      views.length = 0;
      const before = lane.service.view().itemCount;
      const t0 = await r.scan(code);
      const v = await nextView((x) => x.itemCount === before + 1);
      const serviceWall = viewWall >= t0 ? viewWall : v.atWall;
      const painted = await paintedAt(page, v.seq);
      const paintedNode = painted.at - offset.offsetMs;
      if (i >= warmup) {
        total.push(paintedNode - t0);
        toService.push(serviceWall - t0);
        wire.push(r.wireMs(code) + FRAME_MS);
      }
      // Bag it, and let the page paint that before the next scan.
      views.length = 0;
      sim.baggingScale.change(item.weightGrams ?? 0);
      const bagged = await nextView((x) => x.prompt.id === 'scanItem');
      await paintedAt(page, bagged.seq);
      if (++inBasket === perTransaction) {
        await payAndFinish(lane, sim);
        const attract = await nextView((x) => x.screen === 'attract');
        await paintedAt(page, attract.seq);
        await page.evaluate(() => performance.clearMarks());
        inBasket = 0;
        offset = await clockOffset(page); // re-measure now and then: clocks may slew
      }
    }
    offView();
    offStamp();
    notes.push(
      `${kind}: ${r.describe}; ${scans} scans after ${warmup} warm-up, 20 items a transaction (each bagged, then paid by card); clock offset RTT ${offset.rttMs.toFixed(2)} ms (error ≤ ${(offset.rttMs / 2).toFixed(2)} ms).`,
    );
    const wireRef = { name: `wire time + 1 frame (${kind === 'serial' ? `${BAUD} baud` : `${USB_REPORT_MS} ms/report`} + 16.7 ms)`, samples: wire };
    const label = kind === 'serial' ? 'serial' : kind === 'hidpos' ? 'HID POS' : 'keyboard wedge';
    return [
      metric(`${label}: last byte → row painted`, 'ms', total, {
        reference: wireRef,
        target: { text: 'p99 ≤ wire time + 16.7 ms', pass: (s, ref) => ref !== undefined && s.p99 <= ref.p99 },
      }),
      metric(`${label}: last byte → view in the service (part of it)`, 'ms', toService),
    ];
  } finally {
    await context.close();
    await server.close();
    await lane.close();
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const id = 'scan-to-screen';
  const title = 'Scan to screen: last barcode byte at the scanner port → item row painted in Chromium';
  if (!haveChromium()) return skipped(id, title, opts, 'no Chromium (set LANE_CHROMIUM)');
  if (!socatAvailable()) return skipped(id, title, opts, 'socat not installed');
  return bench(id, title, opts, async (notes) => {
    const scans = opts.quick ? 5 : 200;
    const uiDir = ensureUiBuilt();
    const browser = await launchChromium();
    try {
      const metrics: Metric[] = [];
      for (const kind of ['serial', 'hidpos', 'wedge'] as const) metrics.push(...(await measureKind(browser, uiDir, kind, scans, notes)));
      notes.push(
        'The page marks a view in the requestAnimationFrame callback after React committed it, i.e. at the start of the frame that paints it; the paint itself lands within that frame. Chromium runs headless with its default 60 Hz frame clock, so up to one frame of waiting is part of every figure, which is what the +16.7 ms in the target allows for.',
      );
      notes.push(
        'Time starts just before the last write call (serial: the whole code is one write to the pty; a pty has no baud rate, so the bytes arrive at once and the wire time is not spent here). The reference is the issue’s bound: the time those bytes would take on the wire at the port’s speed, plus one frame.',
      );
      return metrics;
    } finally {
      await browser.close();
    }
  });
}
