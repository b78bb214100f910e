/**
 * Byte stream → text lines, for the line-based scale protocols (MT-SICS, Magellan). Pure and
 * incremental: bytes may arrive split or merged; a line longer than `maxLength` is dropped
 * whole and reported once, at its terminator, as `overflow` (the stream then resyncs on the
 * next terminator). Empty lines are skipped. Never throws.
 */
export type LineEvent = { kind: 'line'; bytes: number[] } | { kind: 'overflow' };

export interface LineRules {
  /** Ends a line. */
  end(byte: number): boolean;
  /** Dropped wherever it appears (e.g. LF where CR ends lines). */
  skip?(byte: number): boolean;
  /** Removed when it is the last byte of a line (e.g. CR before an LF terminator). */
  trailing?: number;
  maxLength: number;
}

export class LineSplitter {
  private line: number[] = [];
  private overflow = false;

  constructor(private readonly rules: LineRules) {}

  push(chunk: Uint8Array): LineEvent[] {
    const out: LineEvent[] = [];
    const { end, skip, trailing, maxLength } = this.rules;
    for (const byte of chunk) {
      if (skip?.(byte)) continue;
      if (end(byte)) {
        if (this.overflow) out.push({ kind: 'overflow' });
        else {
          const bytes = trailing !== undefined && this.line[this.line.length - 1] === trailing ? this.line.slice(0, -1) : this.line;
          if (bytes.length > 0) out.push({ kind: 'line', bytes });
        }
        this.line = [];
        this.overflow = false;
        continue;
      }
      if (this.overflow) continue;
      this.line.push(byte);
      if (this.line.length > maxLength) {
        this.overflow = true;
        this.line = [];
      }
    }
    return out;
  }

  reset(): void {
    this.line = [];
    this.overflow = false;
  }
}
