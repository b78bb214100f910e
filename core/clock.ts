/**
 * The one clock. Everything that reads time or waits takes a `Clock`, so tests and the
 * scenario runner control time exactly (`ManualClock.advance`).
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

export const systemClock: Clock = (() => {
  const handles = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = next++;
      handles.set(
        id,
        setTimeout(() => {
          handles.delete(id);
          fn();
        }, ms),
      );
      return { id };
    },
    clearTimeout(handle) {
      if (!handle) return;
      const t = handles.get(handle.id);
      if (t !== undefined) clearTimeout(t);
      handles.delete(handle.id);
    },
  };
})();

/** A clock that only moves when told to. Timers fire in due order during `advance`. */
export class ManualClock implements Clock {
  private current: number;
  private timers = new Map<number, { due: number; fn: () => void; seq: number }>();
  private nextId = 1;

  constructor(start = Date.UTC(2026, 0, 15, 10, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { due: this.current + Math.max(0, ms), fn, seq: id });
    return { id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.timers.delete(handle.id);
  }

  /** Move time forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      let nextId: number | undefined;
      let next: { due: number; fn: () => void; seq: number } | undefined;
      for (const [id, t] of this.timers) {
        if (t.due <= target && (!next || t.due < next.due || (t.due === next.due && t.seq < next.seq))) {
          next = t;
          nextId = id;
        }
      }
      if (!next || nextId === undefined) break;
      this.timers.delete(nextId);
      this.current = next.due;
      next.fn();
    }
    this.current = target;
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}
