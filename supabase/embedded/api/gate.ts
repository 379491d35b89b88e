/**
 * A gate that lets at most `concurrency` tasks run at once and keeps at most `queue` waiting (first come, first
 * served); beyond that `run` refuses at once with GateFull. The API passes password checks through one: a bcrypt
 * hash costs tens of milliseconds of CPU, and on PGlite (one thread) every other request waits behind each one.
 */
export class GateFull extends Error {
  override name = 'GateFull';
}

export interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createGate(concurrency: number, queue: number): Gate {
  if (!(concurrency >= 1) || !(queue >= 0)) throw new Error('createGate needs concurrency >= 1 and queue >= 0');
  let running = 0;
  const waiters: (() => void)[] = [];
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else running--;
  };
  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiters.length;
    },
    async run(task) {
      if (running < concurrency) running++;
      else if (waiters.length >= queue) throw new GateFull('Too many password checks waiting');
      else await new Promise<void>((resolve) => waiters.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
