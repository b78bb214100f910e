import type { Cue } from '../../contracts/protocol.ts';

/**
 * Cue → short tone (WebAudio). Silent until `enableSounds()` is called by a page entry, so
 * tests (and jsdom, which has no AudioContext) never make a sound. The shopper may turn
 * sounds off in the accessibility panel (`setSoundsOn`).
 */
interface Note {
  hz: number;
  ms: number;
  type?: OscillatorType;
}
export const CUE_TONES: Readonly<Record<Cue, readonly Note[]>> = {
  scanAccepted: [{ hz: 1320, ms: 90, type: 'sine' }],
  scanRejected: [
    { hz: 330, ms: 140, type: 'square' },
    { hz: 247, ms: 220, type: 'square' },
  ],
  interventionRaised: [
    { hz: 659, ms: 180 },
    { hz: 523, ms: 180 },
    { hz: 440, ms: 320 },
  ],
  interventionResolved: [
    { hz: 523, ms: 140 },
    { hz: 784, ms: 220 },
  ],
  paymentApproved: [
    { hz: 523, ms: 120 },
    { hz: 659, ms: 120 },
    { hz: 784, ms: 260 },
  ],
  paymentDeclined: [
    { hz: 392, ms: 200, type: 'triangle' },
    { hz: 311, ms: 320, type: 'triangle' },
  ],
};

let enabled = false;
let on = true;
let ctx: AudioContext | null = null;

export function enableSounds(): void {
  enabled = true;
}
export function setSoundsOn(value: boolean): void {
  on = value;
}

export function playCue(cue: Cue): void {
  if (!enabled || !on) return;
  const AC = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!AC) return;
  try {
    ctx ??= new AC();
    if (ctx.state === 'suspended') void ctx.resume();
    let t = ctx.currentTime + 0.01;
    for (const note of CUE_TONES[cue]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = note.type ?? 'sine';
      osc.frequency.value = note.hz;
      const d = note.ms / 1000;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.25, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + d);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + d + 0.02);
      t += d + 0.03;
    }
  } catch {
    /* audio is a nicety; never break the UI for it */
  }
}
