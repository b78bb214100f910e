/**
 * Test helpers for the scale codecs and drivers (imported by tests only).
 */
import type { ManualClock } from '../../core/clock.ts';
import { settle } from '../../test/helpers/wait.ts';

export const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Every way to cut `input` in two, plus one byte at a time. */
export function splits(input: Uint8Array): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  for (let i = 0; i <= input.length; i++) out.push([input.slice(0, i), input.slice(i)]);
  out.push([...input].map((b) => Uint8Array.of(b)));
  return out;
}

/** Cut `input` at the given (sorted or not) positions. */
export function cutAt(input: Uint8Array, positions: number[]): Uint8Array[] {
  const cuts = [...new Set(positions.map((p) => Math.max(0, Math.min(input.length, p))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of cuts) {
    out.push(input.slice(from, c));
    from = c;
  }
  out.push(input.slice(from));
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}


/**
 * Run virtual time in `stepMs` steps, letting promises settle between steps, until
 * `predicate()` holds. Throws if it does not within `maxMs` of virtual time (a bug, not a
 * timing assertion: nothing here depends on wall-clock time).
 */
export async function runUntil(clock: ManualClock, predicate: () => boolean, opts: { stepMs?: number; maxMs?: number; what?: string } = {}): Promise<void> {
  const step = opts.stepMs ?? 10;
  const max = opts.maxMs ?? 120_000;
  for (let elapsed = 0; ; elapsed += step) {
    await settle();
    if (predicate()) return;
    if (elapsed >= max) throw new Error(`not reached within ${max} ms of virtual time: ${opts.what ?? 'condition'}`);
    clock.advance(step);
  }
}

/** Run virtual time for exactly `ms`, settling promises between steps. */
export async function runFor(clock: ManualClock, ms: number, stepMs = 10): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
    await settle();
    clock.advance(Math.min(stepMs, ms - elapsed));
  }
  await settle();
}
