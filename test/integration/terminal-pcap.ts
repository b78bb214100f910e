/**
 * A tiny pcap writer for the ZVT tshark check: turns a recorded byte conversation into
 * Ethernet/IPv4/TCP packets (with a 3-way handshake and continuous sequence numbers) so
 * Wireshark's dissector can read it. No capture privileges needed.
 */
export interface Segment {
  /** `ecr` = client → terminal, `terminal` = terminal → client. */
  from: 'ecr' | 'terminal';
  bytes: Uint8Array;
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}
function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}
function le32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function ipChecksum(header: number[]): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += ((header[i] ?? 0) << 8) | (header[i + 1] ?? 0);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

export function writePcap(segments: readonly Segment[], opts: { terminalPort: number; ecrPort?: number; startSec?: number }): Uint8Array {
  const ecrPort = opts.ecrPort ?? 50123;
  const out: number[] = [...le32(0xa1b2c3d4), 2, 0, 4, 0, ...le32(0), ...le32(0), ...le32(65535), ...le32(1)];
  const seq = { ecr: 1000, terminal: 5000 };
  let t = 0;
  const packet = (from: 'ecr' | 'terminal', flags: number, payload: ArrayLike<number>, seqNo: number, ackNo: number): void => {
    const srcPort = from === 'ecr' ? ecrPort : opts.terminalPort;
    const dstPort = from === 'ecr' ? opts.terminalPort : ecrPort;
    const tcp = [...u16(srcPort), ...u16(dstPort), ...u32(seqNo), ...u32(ackNo), 0x50, flags, ...u16(65535), 0, 0, 0, 0, ...Array.from(payload)];
    const ipHead = [0x45, 0, ...u16(20 + tcp.length), ...u16(t & 0xffff), 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1];
    const ck = ipChecksum(ipHead);
    ipHead[10] = ck >> 8;
    ipHead[11] = ck & 0xff;
    const frame = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00, ...ipHead, ...tcp];
    const sec = (opts.startSec ?? 1_768_471_200) + Math.floor(t / 1000);
    out.push(...le32(sec), ...le32((t % 1000) * 1000), ...le32(frame.length), ...le32(frame.length), ...frame);
    t++;
  };
  packet('ecr', 0x02, [], seq.ecr - 1, 0);
  packet('terminal', 0x12, [], seq.terminal - 1, seq.ecr);
  packet('ecr', 0x10, [], seq.ecr, seq.terminal);
  for (const s of segments) {
    const other = s.from === 'ecr' ? 'terminal' : 'ecr';
    packet(s.from, 0x18, s.bytes, seq[s.from], seq[other]);
    seq[s.from] += s.bytes.length;
  }
  return Uint8Array.from(out);
}
