/**
 * A pty pair made by socat, for the simulator (`--devices wire`) and the tests. `start()` creates two linked ptys at `a` and `b`
 * (the real serialport binding opens them); `kill()` = unplug (links vanish, open ports see
 * a disconnect); `start()` again = re-plug with the same paths.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function socatAvailable(): boolean {
  const r = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return r.status === 0;
}

export class SocatPair {
  readonly dir: string;
  readonly a: string;
  readonly b: string;
  private proc: ChildProcess | undefined;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-pty-'));
    this.a = path.join(this.dir, 'A');
    this.b = path.join(this.dir, 'B');
  }

  /** Resolves once socat reports its data transfer loop (both links exist). */
  start(): Promise<void> {
    if (this.proc) return Promise.resolve();
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.proc = proc;
    return new Promise<void>((resolve, reject) => {
      let seen = '';
      const onData = (chunk: Buffer): void => {
        seen += chunk.toString('utf8');
        if (seen.includes('starting data transfer loop')) {
          proc.stderr?.off('data', onData);
          proc.stderr?.resume();
          resolve();
        }
      };
      proc.stderr?.on('data', onData);
      proc.once('error', reject);
      proc.once('exit', (code) => {
        if (this.proc === proc) this.proc = undefined;
        reject(new Error(`socat exited early (${code}): ${seen}`));
      });
    });
  }

  /** Unplug: kill socat and wait for it to exit. */
  kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) {
      this.proc = undefined;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      proc.once('exit', () => {
        this.proc = undefined;
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }

  async dispose(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
