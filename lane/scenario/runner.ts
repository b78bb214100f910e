import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AttendantCommand, LaneView, Result } from '../../contracts/index.ts';
import { parseScan } from '../codes/parse.ts';
import { openLane, type OpenLane } from '../lane.ts';
import { ManualClock, systemClock, type Clock } from '../../core/clock.ts';
import { openWireLane, type WireLane } from '../sim/wire.ts';
import { silentLogger } from '../../core/log.ts';
import { parseScenario, type Scenario, type Step } from './schema.ts';

export const DEMO_CATALOGUE = resolve(dirname(new URL(import.meta.url).pathname), '../../fixtures/catalogue.json');
const DEFAULT_PIN = '1234';
const SUPERVISOR_PIN = '9999';

export interface StepReport {
  index: number;
  kind: string;
  ok: boolean;
  reason?: string;
}

export interface ScenarioReport {
  name: string;
  file: string;
  passed: boolean;
  steps: StepReport[];
  failedStep: { index: number; step: unknown; reason: string } | null;
  view: LaneView | null;
  receipts: string[];
  journal: { events: number; byType: Record<string, number>; chainValid: boolean };
}

export function loadScenario(file: string): Scenario {
  const text = readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  return parseScenario(json, file);
}

class StepFailure extends Error {}

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new StepFailure(`${what}: ${r.error.message}`);
  return r.value;
}

/** Run one scenario against a real lane service with simulated devices and a manual clock. */
export async function runScenario(scenario: Scenario): Promise<ScenarioReport> {
  const dir = mkdtempSync(join(tmpdir(), 'lane-scenario-'));
  const { devices: deviceSpec, ...laneConfig } = scenario.lane.config ?? {};
  // `devices: "wire"` (or a WireSpec) runs every device through its real driver and transport
  // against its byte-level simulator; time is then real time.
  const wireMode = deviceSpec === 'wire' || (typeof deviceSpec === 'object' && deviceSpec !== null);
  const manual = wireMode ? null : new ManualClock();
  const clock: Clock = manual ?? systemClock;
  const laneCurrency = typeof laneConfig.currency === 'string' ? { currency: laneConfig.currency } : {};
  const wire: WireLane | null = wireMode ? await openWireLane({ ...laneCurrency, ...(deviceSpec === 'wire' ? {} : (deviceSpec as object)) }, { clock, logger: silentLogger }) : null;
  const catalogue = scenario.lane.catalogue ? resolve(dirname(scenario.file), scenario.lane.catalogue) : DEMO_CATALOGUE;
  const config = { ...laneConfig, ...(scenario.lane.language ? { language: scenario.lane.language } : {}) };
  const open = (previous?: OpenLane) =>
    openLane({
      dataDir: dir,
      catalogue,
      config,
      clock,
      logger: silentLogger,
      ...(wire ? { devices: wire.devices, control: wire.control, terminalCurrencyCode: wire.config.terminal.currencyCode } : { devices: 'sim' as const, ...(previous?.sim ? { reuseSim: previous.sim } : {}) }),
    });
  let lane: OpenLane = open();
  if (wire) await waitForDevices(lane);
  const sim = () => lane.control!;
  let lastTx: string | null = null;
  let paidTx: string | null = null;
  const followTx = (v: LaneView) => {
    if (v.transactionId) lastTx = v.transactionId;
    if (v.transactionId && v.payment?.status === 'approved') paidTx = v.transactionId;
  };
  lane.service.onView(followTx);
  followTx(lane.service.view());
  const steps: StepReport[] = [];
  let failedStep: ScenarioReport['failedStep'] = null;
  const settle = async () => {
    // Let promise-based device replies (payment, printing) run to completion.
    for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
    if (wire) await quiet(lane);
  };
  const lineId = (s: { line?: number | undefined; code?: string | undefined }): string => {
    const lines = lane.service.view().lines;
    const found = s.line !== undefined ? lines[s.line - 1] : lines.find((l) => l.code === s.code || l.itemId === s.code);
    if (!found) throw new StepFailure(`no basket line ${s.line !== undefined ? `#${s.line}` : `with code ${s.code}`}`);
    return found.lineId;
  };
  const intent = async (i: unknown, refused?: boolean) => {
    const r = await lane.service.handleIntent(i);
    if (refused && r.ok) throw new StepFailure(`expected '${(i as { type: string }).type}' to be refused, but it was accepted`);
    if (!refused) must(r, (i as { type: string }).type);
  };
  const command = async (c: Omit<AttendantCommand, 'id' | 'by'>, pin: string, refused?: boolean) => {
    const who = must(await lane.service.authenticate(pin), 'attendant PIN');
    const r = lane.service.command({ ...c, id: `cmd-${Math.random().toString(16).slice(2, 14)}`, by: who.id }, { attendant: who });
    if (refused && r.ok) throw new StepFailure(`expected '${c.type}' to be refused, but it was applied`);
    if (!refused) must(r, c.type);
  };

  for (const s of scenario.steps) {
    try {
      await runStep(s);
      await settle();
      steps.push({ index: s.index, kind: s.kind, ok: true });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      steps.push({ index: s.index, kind: s.kind, ok: false, reason });
      failedStep = { index: s.index, step: s.raw, reason };
      break;
    }
  }

  async function runStep(s: Step): Promise<void> {
    switch (s.kind) {
      case 'scan': {
        const r = await lane.service.simulate({
          type: 'scan',
          data: s.step.scan,
          ...(s.step.symbology ? { symbology: s.step.symbology } : {}),
          ...(s.step.via ? { via: s.step.via } : {}),
        });
        must(r, 'scan');
        return;
      }
      case 'bag': {
        let grams = s.step.grams;
        if (grams === undefined) {
          const item = lookupItem(lane, s.step.bag);
          if (!item) throw new StepFailure(`no catalogue item for '${s.step.bag}'`);
          if (item.weightGrams === undefined) throw new StepFailure(`'${s.step.bag}' has no catalogue weight: give "grams"`);
          grams = item.weightGrams * (s.step.quantity ?? 1);
        }
        await sim().bag(grams);
        return;
      }
      case 'bagGrams':
        await sim().bag(s.step.bagGrams);
        return;
      case 'produceGrams':
        await sim().produce(s.step.produceGrams, s.step.stable !== false);
        return;
      case 'scaleState':
        await sim().scaleState(s.step.scale === 'bagging' ? 'baggingScale' : 'produceScale', s.step.scaleState);
        return;
      case 'tap':
        return tap(s.step);
      case 'card':
        await sim().card(s.step.card);
        return;
      case 'printer':
        await sim().printer(s.step.printer);
        return;
      case 'unplug':
        await sim().unplug(s.step.unplug);
        return;
      case 'replug':
        await sim().replug(s.step.replug);
        return;
      case 'attendant':
        return command({ type: s.step.attendant === 'approve' ? 'intervention.approve' : 'intervention.deny', ...(s.step.kind ? { kind: s.step.kind } : {}) } as never, s.step.pin ?? DEFAULT_PIN, s.step.refused);
      case 'command': {
        const c = s.step;
        const needsSupervisor = c.command === 'price.override' || c.command === 'lane.close' || c.command === 'lane.open';
        const pin = c.pin ?? (needsSupervisor ? SUPERVISOR_PIN : DEFAULT_PIN);
        const body =
          c.command === 'item.void'
            ? { type: c.command, lineId: lineId(c) }
            : c.command === 'price.override'
              ? { type: c.command, lineId: lineId(c), unitPriceMinor: c.unitPriceMinor ?? 0 }
              : c.command === 'lane.close'
                ? { type: c.command, reason: c.reason ?? 'closed by scenario' }
                : c.command === 'transaction.resume'
                  ? { type: c.command, transactionId: c.transactionId ?? lane.service.suspendedBaskets().at(-1)?.transactionId ?? 'none-suspended' }
                  : { type: c.command };
        return command(body as never, pin, c.refused);
      }
      case 'restart': {
        lane.kill();
        lane = open(lane);
        lane.service.onView(followTx);
        followTx(lane.service.view());
        return;
      }
      case 'advanceMs':
        if (manual) manual.advance(s.step.advanceMs);
        else await new Promise<void>((r) => setTimeout(r, Math.min(s.step.advanceMs, 30_000)));
        return;
      case 'expect': {
        if (!wire) return check(s.step.expect);
        // On real transports an expectation may take a moment to come true (a driver
        // reconnecting with backoff): retry until it holds or 10 s pass.
        const until = Date.now() + 10_000;
        for (;;) {
          try {
            return check(s.step.expect);
          } catch (err) {
            if (!(err instanceof StepFailure) || Date.now() > until) throw err;
            await new Promise<void>((r) => setTimeout(r, 50));
          }
        }
      }
    }
  }

  async function tap(t: Extract<Step, { kind: 'tap' }>['step']): Promise<void> {
    const refused = t.refused;
    switch (t.tap) {
      case 'start':
        return intent({ type: 'session.start' }, refused);
      case 'ownBag':
        return intent({ type: 'ownBag.declare' }, refused);
      case 'pay': {
        // Card is the lane's tender: "pay" goes to the payment screen and presents the card.
        if (lane.service.view().screen !== 'payment') await intent({ type: 'pay.start' }, refused);
        if (refused) return;
        return intent({ type: 'pay.card' });
      }
      case 'payCard':
        return intent({ type: 'pay.card' }, refused);
      case 'back':
        return intent({ type: 'pay.back' }, refused);
      case 'cancelPayment':
        return intent({ type: 'pay.cancel' }, refused);
      case 'help':
        return intent({ type: 'help.request' }, refused);
      case 'produce': {
        if (lane.service.view().screen !== 'produceLookup') await intent({ type: 'produce.open' }, refused);
        if (t.plu || t.itemId) await intent({ type: 'produce.select', ...(t.plu ? { plu: t.plu } : {}), ...(t.itemId ? { itemId: t.itemId } : {}) }, refused);
        return;
      }
      case 'produceConfirm':
        return intent({ type: 'produce.confirm' }, refused);
      case 'produceCancel':
        return intent({ type: 'produce.cancel' }, refused);
      case 'language':
        return intent({ type: 'language.set', language: t.language ?? 'en' }, refused);
      case 'skipBagging':
        return intent({ type: 'bagging.skip' }, refused);
      case 'voidRequest':
        return intent({ type: 'void.request', lineId: lineId(t) }, refused);
      case 'quantity':
        return intent({ type: 'quantity.set', lineId: lineId(t), quantity: t.quantity ?? 1 }, refused);
      case 'cancel':
        return intent({ type: 'cancel.request' }, refused);
      case 'stillHere':
        return intent({ type: 'session.stillHere' }, refused);
      case 'finish':
        return intent({ type: 'session.finish' }, refused);
      case 'manual':
        return intent({ type: 'scan.manual', code: t.code ?? '' }, refused);
      case 'login':
        return intent({ type: 'attendant.login', pin: t.pin ?? DEFAULT_PIN }, refused);
      case 'logout':
        return intent({ type: 'attendant.logout' }, refused);
    }
  }

  function check(e: Extract<Step, { kind: 'expect' }>['step']['expect']): void {
    const v = lane.service.view();
    const problems: string[] = [];
    const eq = (name: string, want: unknown, got: unknown) => {
      if (want !== undefined && JSON.stringify(want) !== JSON.stringify(got)) problems.push(`${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    };
    eq('screen', e.screen, v.screen);
    eq('totalMinor', e.totalMinor, v.totalMinor);
    eq('itemCount', e.itemCount, v.itemCount);
    eq('blocked', e.blocked, v.blocked);
    eq('prompt', e.prompt, v.prompt.id);
    eq('language', e.language, v.language);
    if (e.interventions) eq('interventions', [...e.interventions].sort(), v.interventions.map((i) => i.kind).sort());
    if (e.paid !== undefined) eq('paid', e.paid, lastTx !== null && paidTx === lastTx);
    if (e.lines) {
      let from = 0;
      for (const want of e.lines) {
        const idx = v.lines.findIndex((l, i) => i >= from && Object.entries(want).every(([k, val]) => JSON.stringify((l as Record<string, unknown>)[k]) === JSON.stringify(val)));
        if (idx < 0) {
          problems.push(`lines: no line matching ${JSON.stringify(want)} (in order) among ${JSON.stringify(v.lines.map((l) => ({ code: l.code, name: l.name, quantity: l.quantity, weightGrams: l.weightGrams, totalMinor: l.totalMinor })))}`);
          break;
        }
        from = idx + 1;
      }
    }
    const receipts = sim().receipts();
    const last = receipts[receipts.length - 1] ?? '';
    for (const want of e.receiptContains ?? []) if (!last.includes(want)) problems.push(`receipt: '${want}' not found in ${receipts.length ? JSON.stringify(last) : 'no receipt printed'}`);
    for (const bad of e.receiptLacks ?? []) if (last.includes(bad)) problems.push(`receipt: '${bad}' should not be there`);
    eq('receiptCount', e.receiptCount, receipts.length);
    eq('scannerEnabled', e.scannerEnabled, sim().scannerEnabled());
    for (const [dev, status] of Object.entries(e.devices ?? {})) {
      const got = (v.devices as Record<string, { status: string } | undefined>)[dev];
      if (!got) problems.push(`devices: no device '${dev}'`);
      else eq(`devices.${dev}`, status, got.status);
    }
    if (problems.length) throw new StepFailure(problems.join('; '));
  }

  const view = lane.service.view();
  const receipts = sim().receipts();
  const journal = lane.journalSummary();
  await lane.close();
  await wire?.control.close();
  rmSync(dir, { recursive: true, force: true });
  return { name: scenario.name, file: scenario.file, passed: failedStep === null, steps, failedStep, view, receipts, journal };
}

/** Wire mode: wait until every device reports ok (drivers connect in the background). */
async function waitForDevices(lane: OpenLane, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const d = lane.service.view().devices;
    if (Object.values(d).every((h) => h.status === 'ok')) return;
    await new Promise<void>((r) => setTimeout(r, 50));
  }
  throw new Error(`devices did not come up: ${JSON.stringify(lane.service.view().devices)}`);
}

/** Wire mode: wait until the lane has published no new view for a while (bytes have landed). */
async function quiet(lane: OpenLane, quietMs = 400, maxMs = 8000): Promise<void> {
  const start = Date.now();
  let last = lane.service.view().seq;
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise<void>((r) => setTimeout(r, 25));
    const seq = lane.service.view().seq;
    if (seq !== last) {
      last = seq;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}

function lookupItem(lane: OpenLane, codeOrPlu: string) {
  const c = lane.catalogue;
  if (/^\d{4,5}$/.test(codeOrPlu)) {
    const byPlu = c.byPlu(codeOrPlu);
    if (byPlu) return byPlu;
  }
  const parsed = parseScan(codeOrPlu, lane.service.codeConfig);
  if (parsed.ok) {
    const p = parsed.value;
    const key = p.kind === 'gtin' ? p.gtin14 : p.kind === 'variableMeasure' ? p.lookupGtin14 : p.gtin14;
    if (key) {
      const item = c.byCode(key);
      if (item && p.kind === 'variableMeasure' && p.weightGrams !== undefined) return { ...item, weightGrams: p.weightGrams };
      if (item) return item;
    }
  }
  return c.byId(codeOrPlu);
}
