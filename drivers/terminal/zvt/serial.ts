/**
 * ZVT serial framing (pure), device-protocols.md §4.1/§4.5/§4.8:
 *   DLE STX  APDU (every DLE doubled)  DLE ETX  CRC-lo CRC-hi
 * CRC-CCITT, reflected polynomial 0x8408, init 0, over the *unescaped* APDU followed by ETX;
 * the CRC bytes are not escaped. Single bytes `06` ACK / `15` NAK answer each frame.
 */
export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

/** Guard against a runaway frame: the largest APDU is 5 + 65535 bytes. */
const MAX_FRAME_APDU = 5 + 0xffff;

export function crcCcitt(bytes: ArrayLike<number>, crc = 0): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) {
    c ^= (bytes[i] ?? 0) & 0xff;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
  }
  return c & 0xffff;
}

/** CRC of a frame: over the unescaped APDU followed by ETX. */
export function frameCrc(apduBytes: Uint8Array): number {
  return crcCcitt([ETX], crcCcitt(apduBytes));
}

export function encodeFrame(apduBytes: Uint8Array): Uint8Array {
  const out: number[] = [DLE, STX];
  for (const b of apduBytes) {
    out.push(b);
    if (b === DLE) out.push(DLE);
  }
  const crc = frameCrc(apduBytes);
  out.push(DLE, ETX, crc & 0xff, crc >> 8);
  return Uint8Array.from(out);
}

export type FrameEvent =
  /** A whole frame with a good CRC; `apdu` is unescaped. Answer with ACK. */
  | { type: 'frame'; apdu: Uint8Array }
  /** A frame that started but is unusable (bad CRC, DLE + unexpected byte, too long). Answer with NAK. */
  | { type: 'badFrame'; reason: 'crc' | 'framing' | 'tooLong' }
  | { type: 'ack' }
  | { type: 'nak' };

type State = 'idle' | 'idleDle' | 'data' | 'dataDle' | 'crc1' | 'crc2';

/**
 * Receiver state machine. Bytes outside `DLE STX` that are not ACK/NAK are discarded;
 * `DLE` + an unexpected byte inside a frame ends it as a framing error and resyncs on the
 * next `DLE STX`; `DLE STX` inside a frame restarts the frame (the previous one was cut).
 */
export class FrameDecoder {
  private state: State = 'idle';
  private buf: number[] = [];
  private crcLo = 0;
  /** Bytes thrown away while hunting for a frame (diagnostics). */
  discarded = 0;

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    for (const b of chunk) {
      switch (this.state) {
        case 'idle':
          if (b === DLE) this.state = 'idleDle';
          else if (b === ACK) events.push({ type: 'ack' });
          else if (b === NAK) events.push({ type: 'nak' });
          else this.discarded++;
          break;
        case 'idleDle':
          if (b === STX) {
            this.state = 'data';
            this.buf = [];
          } else if (b !== DLE) {
            this.state = 'idle';
            this.discarded += 2;
          } else this.discarded++;
          break;
        case 'data':
          if (b === DLE) this.state = 'dataDle';
          else this.append(b, events);
          break;
        case 'dataDle':
          if (b === DLE) {
            this.state = 'data';
            this.append(b, events);
          } else if (b === ETX) this.state = 'crc1';
          else if (b === STX) {
            this.buf = [];
            this.state = 'data';
            events.push({ type: 'badFrame', reason: 'framing' });
          } else {
            this.state = 'idle';
            this.buf = [];
            events.push({ type: 'badFrame', reason: 'framing' });
          }
          break;
        case 'crc1':
          this.crcLo = b;
          this.state = 'crc2';
          break;
        case 'crc2': {
          const apdu = Uint8Array.from(this.buf);
          this.buf = [];
          this.state = 'idle';
          const crc = this.crcLo | (b << 8);
          events.push(crc === frameCrc(apdu) ? { type: 'frame', apdu } : { type: 'badFrame', reason: 'crc' });
          break;
        }
      }
    }
    return events;
  }

  private append(b: number, events: FrameEvent[]): void {
    if (this.buf.length >= MAX_FRAME_APDU) {
      this.buf = [];
      this.state = 'idle';
      events.push({ type: 'badFrame', reason: 'tooLong' });
      return;
    }
    this.buf.push(b);
  }

  /** True while inside a frame (used for the inter-byte timeout). */
  get inFrame(): boolean {
    return this.state !== 'idle' && this.state !== 'idleDle';
  }

  reset(): void {
    this.state = 'idle';
    this.buf = [];
  }
}
