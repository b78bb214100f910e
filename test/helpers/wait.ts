/**
 * Test helper: wait for an event instead of sleeping. `subscribe` registers a listener and
 * returns its unsubscribe; the promise resolves with the first value that passes `accept`.
 */
export function waitForEvent<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  accept: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise<T>((resolve) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    unsubscribe = subscribe((value) => {
      if (done || !accept(value)) return;
      done = true;
      unsubscribe?.();
      resolve(value);
    });
    if (done) unsubscribe();
  });
}

/** Let pending promise callbacks and microtasks run (no time passes on any clock). */
export function settle(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Collect bytes from a data source until `predicate(all)` holds. */
export function collectUntil(
  subscribe: (listener: (chunk: Uint8Array) => void) => () => void,
  predicate: (all: Uint8Array) => boolean,
): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve) => {
    let all = new Uint8Array(0);
    const unsubscribe = subscribe((chunk) => {
      const next = new Uint8Array(all.length + chunk.length);
      next.set(all);
      next.set(chunk, all.length);
      all = next;
      if (predicate(all)) {
        unsubscribe();
        resolve(all);
      }
    });
  });
}

/** Resolves when `source.health().status` is `status` — at once if it already is. */
export function waitForHealth<H extends { status: string }>(
  source: { health(): H; onHealth(listener: (h: H) => void): () => void },
  status: string,
): Promise<H> {
  const now = source.health();
  if (now.status === status) return Promise.resolve(now);
  return waitForEvent<H>((l) => source.onHealth(l), (h) => h.status === status);
}
