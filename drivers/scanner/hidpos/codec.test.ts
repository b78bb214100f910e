import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allValid, run, scans, splits } from '../testing.ts';
import { HidPosDecoder, encodeHidPosReports } from './codec.ts';

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

describe('HID POS decoder: good reports', () => {
  it('decodes one 64-byte report per §1.3 (report id, length, AIM, data, symbology)', () => {
    const [r] = encodeHidPosReports('4006381333931', { symbology: ']E0', vendorSymbology: 'd' });
    expect(r?.length).toBe(64);
    expect(r?.[0]).toBe(0x02);
    expect(r?.[1]).toBe(13);
    expect(scans(run(new HidPosDecoder(), [r ?? new Uint8Array()]))).toEqual([{ data: '4006381333931', symbology: ']E0' }]);
  });

  it('maps the Honeywell symbology byte to an AIM id when no AIM id is sent', () => {
    const reports = encodeHidPosReports('96385074', { vendorSymbology: 'D' });
    expect(scans(run(new HidPosDecoder(), reports))).toEqual([{ data: '96385074', symbology: ']E4' }]);
  });

  it('strips a trailing CR', () => {
    expect(scans(run(new HidPosDecoder(), encodeHidPosReports('123', { appendCr: true })))).toEqual([{ data: '123' }]);
  });

  it('reassembles a code spanning several reports (bit0 of byte 63)', () => {
    const data = `]d2${'0'.repeat(0)}01040063813339312110000001\x1d91FFD0\x1d92${'A'.repeat(100)}`;
    const reports = encodeHidPosReports(data, { symbology: ']d2' });
    expect(reports.length).toBe(3);
    expect(reports.slice(0, -1).every((r) => r[63] === 1)).toBe(true);
    expect(scans(run(new HidPosDecoder(), reports))).toEqual([{ data, symbology: ']d2' }]);
  });

  it('tolerates the one-byte-shift variant (AIM `]` at byte 3)', () => {
    const reports = encodeHidPosReports(`X${'7'.repeat(70)}`, { symbology: ']C0', shifted: true });
    expect(reports[0]?.[3]).toBe(0x5d);
    expect(scans(run(new HidPosDecoder(), reports))).toEqual([{ data: `X${'7'.repeat(70)}`, symbology: ']C0' }]);
  });

  it('stream framing: any split of the report bytes gives the same scan', () => {
    const wire = concat(encodeHidPosReports('12345670', { symbology: ']E4' }));
    for (const parts of splits(wire)) expect(scans(run(new HidPosDecoder({ framing: 'stream' }), parts))).toEqual([{ data: '12345670', symbology: ']E4' }]);
  });

  it('stream framing: a two-report code split at every byte position', () => {
    const wire = concat(encodeHidPosReports('8'.repeat(60), { symbology: ']C0' }));
    for (const parts of splits(wire)) expect(scans(run(new HidPosDecoder({ framing: 'stream' }), parts))).toEqual([{ data: '8'.repeat(60), symbology: ']C0' }]);
  });
});

describe('HID POS decoder: bad input', () => {
  const bad = (f: (r: Uint8Array) => void): Uint8Array => {
    const [r] = encodeHidPosReports('123', { symbology: ']E0' });
    const c = Uint8Array.from(r ?? []);
    f(c);
    return c;
  };
  const cases: [string, Uint8Array, string][] = [
    ['wrong report id', bad((r) => (r[0] = 0x01)), 'badReport'],
    ['length over 56', bad((r) => (r[1] = 57)), 'badReport'],
    ['short report', new Uint8Array([2, 3, 0x5d]), 'badReport'],
    ['empty report', new Uint8Array(0), 'badReport'],
    ['zero length', bad((r) => (r[1] = 0)), 'empty'],
    ['control byte in data', bad((r) => (r[6] = 0x07)), 'controlByte'],
  ];
  for (const [name, report, reason] of cases) {
    it(`${name} → discarded (${reason})`, () => {
      const events = run(new HidPosDecoder(), [report]);
      expect(scans(events)).toEqual([]);
      expect(events).toContainEqual(expect.objectContaining({ type: 'discarded', reason }));
    });
  }

  it('drops an orphan partial after orphanTimeoutMs and decodes the next code cleanly', () => {
    const d = new HidPosDecoder({ orphanTimeoutMs: 100 });
    const [first] = encodeHidPosReports('9'.repeat(60), { symbology: ']C0' });
    expect(d.push(first ?? new Uint8Array(), 0)).toEqual([]);
    expect(d.nextDeadline()).toBe(100);
    expect(d.tick(99)).toEqual([]);
    expect(d.tick(100)).toEqual([expect.objectContaining({ type: 'discarded', reason: 'orphanPartial' })]);
    const [next] = encodeHidPosReports('42', { symbology: ']E0' });
    expect(scans(d.push(next ?? new Uint8Array(), 150))).toEqual([{ data: '42', symbology: ']E0' }]);
  });

  it('a foreign report in the middle of a multi-report code drops the partial and its tail', () => {
    const reports = encodeHidPosReports('5'.repeat(100), { symbology: ']C0' });
    const d = new HidPosDecoder();
    const events = run(d, [reports[0] ?? new Uint8Array(), new Uint8Array(64).fill(0x01), reports[1] ?? new Uint8Array()]);
    expect(scans(events)).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'discarded', reason: 'orphanPartial' }));
    const [next] = encodeHidPosReports('42');
    expect(scans(run(d, [next ?? new Uint8Array()]))).toEqual([{ data: '42' }]);
  });
});

describe('HID POS decoder: properties', () => {
  it('random reports never throw and never emit an invalid scan', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 70 }), { maxLength: 12 }), fc.boolean(), (reports, stream) => {
        const d = new HidPosDecoder({ framing: stream ? 'stream' : 'report' });
        const events = run(d, reports, { flush: true });
        return allValid(events) && d.nextDeadline() === undefined;
      }),
      { numRuns: 500 },
    );
  });

  it('random reports that start like scan reports never emit invalid scans', () => {
    const report = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((r) => {
      r[0] = 2;
      r[1] = (r[1] ?? 0) % 60;
      r[2] = 0x5d;
      return r;
    });
    fc.assert(
      fc.property(fc.array(report, { maxLength: 12 }), (reports) => allValid(run(new HidPosDecoder(), reports, { flush: true }))),
      { numRuns: 500 },
    );
  });

  it('any code round-trips through the report encoder', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z\x1d]{1,300}$/), fc.constantFrom(']E0', ']C1', ']d2', ']Q1'), fc.boolean(), (data, symbology, shifted) => {
        expect(scans(run(new HidPosDecoder(), encodeHidPosReports(data, { symbology, shifted })))).toEqual([{ data, symbology }]);
      }),
      { numRuns: 300 },
    );
  });
});
