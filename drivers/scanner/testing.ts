/** Test helpers for scanner decoders. */
import { Scan } from '../../contracts/devices.ts';
import type { ScannerCodecEvent, ScannerDecoder } from './codec.ts';

/** Feed `chunks` at time `now`, then (optionally) let all deadlines pass. */
export function run(decoder: ScannerDecoder, chunks: Uint8Array[], opts: { now?: number; flush?: boolean } = {}): ScannerCodecEvent[] {
  const now = opts.now ?? 1_000_000;
  const out: ScannerCodecEvent[] = [];
  for (const c of chunks) out.push(...decoder.push(c, now));
  if (opts.flush) {
    const d = decoder.nextDeadline();
    if (d !== undefined) out.push(...decoder.tick(d));
  }
  return out;
}

export function scans(events: ScannerCodecEvent[]): { data: string; symbology?: string }[] {
  return events.flatMap((e) => (e.type === 'scan' ? [{ data: e.data, ...(e.symbology ? { symbology: e.symbology } : {}) }] : []));
}

/** Every way to cut `bytes` in two. */
export function splits(bytes: Uint8Array): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  for (let i = 1; i < bytes.length; i++) out.push([bytes.subarray(0, i), bytes.subarray(i)]);
  return out;
}

export function bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** True if every scan event satisfies the Scan contract. */
export function allValid(events: ScannerCodecEvent[]): boolean {
  return events.every((e) => e.type !== 'scan' || Scan.safeParse({ data: e.data, symbology: e.symbology, source: 'sim' }).success);
}
