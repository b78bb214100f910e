/**
 * MT-SICS (Mettler-Toledo Standard Interface Command Set), both sides, as pure incremental
 * codecs. Facts: reference/device-protocols.md §2.3.
 *
 * - 9600 8N1, uppercase ASCII, fields separated by blanks, every line ends CR LF.
 * - `S` stable weight, `SI` immediate weight, `SIR` immediate weight repeated (a stream until
 *   another command or `@`). Replies: `S S <value> <unit>` stable, `S D <value> <unit>`
 *   dynamic (in motion), `S I` not executable, `S +` overload, `S -` underload.
 * - `Z` zero (`Z A` done, `Z I`/`Z +`/`Z -` refused), `@` reset (answers like `I4`),
 *   `I4` serial number (`I4 A "…"`).
 * - Errors for any command: `ES` syntax, `ET` transmission, `EL` logical.
 *
 * The host decoder splits on LF (a missing CR is tolerated), drops over-long lines until the
 * next LF, and never throws.
 */
import type { ScaleReading } from '../../../contracts/devices.ts';
import { decimalToGrams, parseUnit } from '../units.ts';
import { LineSplitter } from '../lines.ts';

const LF = 0x0a;
const CR = 0x0d;
/** Longest line we keep; MT-SICS replies are far shorter. */
const MAX_LINE = 128;

export type SicsReply =
  /** `S S`/`S D` (also streamed after `SIR`). */
  | { kind: 'weight'; stable: boolean; grams: number }
  /** `S I`, `S +`, `S -`: no weight. */
  | { kind: 'weightStatus'; status: 'notExecutable' | 'overload' | 'underload' }
  /** Any other command's reply: `Z A`, `I4 A "123"`, `@` → `I4 A "…"`. */
  | { kind: 'reply'; command: string; status: string; args: string[] }
  | { kind: 'error'; code: 'ES' | 'ET' | 'EL' }
  | { kind: 'invalid'; reason: string; text: string };

function toText(bytes: number[]): string {
  return bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

/** Split a line into fields: blanks separate, a double-quoted field keeps its blanks. */
function fields(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? '');
  return out;
}

/** Parse one line (without CR LF). */
export function parseSicsLine(line: string): SicsReply {
  if (!/^[\x20-\x7e]*$/.test(line)) return { kind: 'invalid', reason: 'non-printable byte', text: toText([...line].map((c) => c.charCodeAt(0))) };
  const trimmed = line.trim();
  if (trimmed === 'ES' || trimmed === 'ET' || trimmed === 'EL') return { kind: 'error', code: trimmed };
  const f = fields(trimmed);
  const [command, status] = f;
  if (!command || !status) return { kind: 'invalid', reason: 'need a command and a status', text: line };
  if (command === 'S' || command === 'SI' || command === 'SIR') {
    if (status === 'I') return { kind: 'weightStatus', status: 'notExecutable' };
    if (status === '+') return { kind: 'weightStatus', status: 'overload' };
    if (status === '-') return { kind: 'weightStatus', status: 'underload' };
    if (status === 'S' || status === 'D') {
      if (f.length !== 4) return { kind: 'invalid', reason: 'weight needs a value and a unit', text: line };
      const unit = parseUnit(f[3] ?? '');
      if (!unit) return { kind: 'invalid', reason: `unknown unit '${f[3] ?? ''}'`, text: line };
      const grams = decimalToGrams(f[2] ?? '', unit);
      if (grams === null) return { kind: 'invalid', reason: 'not a number', text: line };
      return { kind: 'weight', stable: status === 'S', grams };
    }
    return { kind: 'invalid', reason: `unknown weight status '${status}'`, text: line };
  }
  if (!/^[A-Z@][A-Z0-9]*$/.test(command)) return { kind: 'invalid', reason: 'not a command', text: line };
  return { kind: 'reply', command, status, args: f.slice(2) };
}

/** Host side: bytes from the balance → replies. */
export class SicsHostDecoder {
  private readonly lines = new LineSplitter({ end: (b) => b === LF, trailing: CR, maxLength: MAX_LINE });

  push(chunk: Uint8Array): SicsReply[] {
    return this.lines.push(chunk).map((e) => (e.kind === 'overflow' ? { kind: 'invalid', reason: 'line too long', text: '' } : parseSicsLine(String.fromCharCode(...e.bytes))));
  }

  reset(): void {
    this.lines.reset();
  }
}

/** What a reply means as a lane reading; `null` for replies that carry no reading. */
export function sicsReading(reply: SicsReply): ScaleReading | null {
  if (reply.kind === 'weight') return { state: reply.stable ? 'stable' : 'motion', grams: reply.grams };
  if (reply.kind === 'weightStatus') {
    if (reply.status === 'overload') return { state: 'overload', grams: 0 };
    if (reply.status === 'underload') return { state: 'underZero', grams: 0 };
    // `S I`: the balance cannot give a weight now (e.g. still settling after a command).
    return null;
  }
  return null;
}

const line = (s: string): Uint8Array => Uint8Array.from(`${s}\r\n`, (c) => c.charCodeAt(0) & 0x7f);

/** Host → balance bytes. */
export const sicsEncode = {
  stable: (): Uint8Array => line('S'),
  immediate: (): Uint8Array => line('SI'),
  stream: (): Uint8Array => line('SIR'),
  zero: (): Uint8Array => line('Z'),
  reset: (): Uint8Array => line('@'),
  serialNumber: (): Uint8Array => line('I4'),
};

// ── Device side ─────────────────────────────────────────────────────────────

export type SicsDeviceEvent = { kind: 'command'; command: string; args: string[] } | { kind: 'invalid'; text: string };

/** Device side: bytes from the host → commands (lines ending LF, CR LF or CR). */
export class SicsDeviceDecoder {
  private readonly lines = new LineSplitter({ end: (b) => b === LF || b === CR, maxLength: MAX_LINE });

  push(chunk: Uint8Array): SicsDeviceEvent[] {
    return this.lines.push(chunk).map((e): SicsDeviceEvent => {
      if (e.kind === 'overflow') return { kind: 'invalid', text: '' };
      const text = String.fromCharCode(...e.bytes);
      const f = fields(text.trim());
      const command = f[0];
      if (command && /^[\x20-\x7e]*$/.test(text) && /^[A-Z@][A-Z0-9]*$/.test(command)) return { kind: 'command', command, args: f.slice(1) };
      return { kind: 'invalid', text: toText(e.bytes) };
    });
  }
}

/** Balance → host bytes. */
export const sicsDeviceEncode = {
  /** `S S     100.00 g`: value right-aligned in 10 columns, as balances print it. */
  weight: (stable: boolean, value: string, unit: string, command = 'S'): Uint8Array =>
    line(`${command} ${stable ? 'S' : 'D'} ${value.padStart(10, ' ')} ${unit}`),
  weightStatus: (status: 'I' | '+' | '-', command = 'S'): Uint8Array => line(`${command} ${status}`),
  reply: (command: string, status: string, ...args: string[]): Uint8Array => line([command, status, ...args].join(' ')),
  error: (code: 'ES' | 'ET' | 'EL'): Uint8Array => line(code),
  raw: (text: string): Uint8Array => line(text),
};
