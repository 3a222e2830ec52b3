// At most `slots` bodies run at once; the others wait their turn, first come
// first served. Used around scrypt (password.ts) so logins cannot take every
// core and every libuv pool thread from the rest of the API.
export interface ConcurrencyLimit {
  run<T>(body: () => Promise<T>): Promise<T>;
  /** Bodies running now and waiting now. */
  load(): { running: number; waiting: number };
}

export function limitConcurrency(slots: number): ConcurrencyLimit {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(body) {
      if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
      else running++;
      try {
        return await body();
      } finally {
        // The slot passes straight to the next waiter, or is given back.
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
