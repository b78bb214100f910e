/**
 * Device side of a serial scanner (Datalogic RS-232 style), over any Transport: memory link
 * in unit tests, a pty in integration tests. Scriptable: `scan()` writes the real bytes,
 * host commands received are applied and recorded.
 */
import type { Transport } from '../../transport/types.ts';
import { DATALOGIC_COMMANDS, encodeSerialScan, type DatalogicCommand, type SerialSuffix } from './codec.ts';

export interface SerialScannerSimOptions {
  suffix: SerialSuffix;
  /** Prefix every code with its AIM id (when `scan` is given one). */
  aimPrefix?: boolean;
  /**
   * A real scanner stops reading after `D`. Set false to model one that keeps sending
   * (or a code already in flight), to test that the driver drops it.
   */
  honourDisable?: boolean;
}

const byCode = new Map<number, DatalogicCommand>(Object.entries(DATALOGIC_COMMANDS).map(([k, v]) => [v, k as DatalogicCommand]));

export class SerialScannerSim {
  enabled = true;
  /** See `SerialScannerSimOptions.honourDisable`; may be changed at any time. */
  honourDisable: boolean;
  /** Every host command byte understood, in order. */
  readonly commands: DatalogicCommand[] = [];
  /** Beeps the host asked for. */
  readonly beeps: ('good' | 'notOnFile' | 'forced')[] = [];
  /** Bytes received that are not commands. */
  unknownBytes = 0;
  private unsubscribe: (() => void) | undefined;
  private readonly commandListeners = new Set<(cmd: DatalogicCommand) => void>();

  constructor(
    readonly transport: Transport,
    private readonly opts: SerialScannerSimOptions,
  ) {
    this.honourDisable = opts.honourDisable !== false;
  }

  /** Told of every host command as it is received. */
  onCommand(listener: (cmd: DatalogicCommand) => void): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  /** Open the device side (again, after a re-plug). */
  async open(): Promise<void> {
    if (!this.transport.isOpen) await this.transport.open();
    this.unsubscribe ??= this.transport.onData((chunk) => this.receive(chunk));
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.transport.close();
  }

  /**
   * Scan a code: writes `[AIM] data suffix`. Returns false (nothing sent) when the host
   * disabled the scanner and `honourDisable` is on.
   */
  async scan(data: string, opts: { symbology?: string } = {}): Promise<boolean> {
    if (!this.enabled && this.honourDisable) return false;
    const symbology = this.opts.aimPrefix !== false ? opts.symbology : undefined;
    await this.transport.write(encodeSerialScan(data, { suffix: this.opts.suffix, ...(symbology ? { symbology } : {}) }));
    return true;
  }

  /** Write raw bytes (garbage, split frames …). */
  async raw(bytes: Uint8Array): Promise<void> {
    await this.transport.write(bytes);
  }

  private receive(chunk: Uint8Array): void {
    for (const b of chunk) {
      const cmd = byCode.get(b);
      if (!cmd) {
        this.unknownBytes++;
        continue;
      }
      this.commands.push(cmd);
      if (cmd === 'enable') this.enabled = true;
      else if (cmd === 'disable') this.enabled = false;
      else if (cmd === 'goodReadBeep') this.beeps.push('good');
      else if (cmd === 'notOnFileBeep') this.beeps.push('notOnFile');
      else if (cmd === 'forcedBeep') this.beeps.push('forced');
      else if (cmd === 'reset') this.enabled = true;
      for (const l of [...this.commandListeners]) l(cmd);
    }
  }
}
