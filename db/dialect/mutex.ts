// A FIFO mutex. PGlite is one single-session backend: a Kysely transaction (BEGIN … COMMIT
// as separate statements) must own it from BEGIN to COMMIT, so every connection checkout
// waits its turn here (STACK.md: the published PGlite dialects lack this isolation).

export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
