/**
 * Test helpers for the scale codecs and drivers (imported by tests only).
 */
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
