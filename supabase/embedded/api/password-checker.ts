/**
 * Password checks with a bound: `workers` worker threads compare bcrypt hashes (password-worker.ts) and at most
 * `queue` checks wait; beyond that `verify` refuses at once with CheckersBusy. A bcrypt check costs tens to hundreds
 * of milliseconds of CPU; run in the database (pgcrypto on PGlite, in this process) a crowd of sign-ins would stall
 * every other request, so the database only hands over the stored hash.
 */
import { Worker } from 'node:worker_threads';

export class CheckersBusy extends Error {
  override name = 'CheckersBusy';
}

export interface PasswordChecker {
  /** True when `password` matches the bcrypt `hash`; with no hash (unknown user) it still spends the same time. */
  verify(password: string, hash: string | null): Promise<boolean>;
  /** Checks running and waiting right now. */
  readonly load: { running: number; waiting: number };
  close(): Promise<void>;
}

/** A bcrypt hash (cost 10, as GoTrue and pgcrypto's gen_salt('bf', 10) make them) of a random string nobody knows. */
const NO_USER_HASH = '$2a$10$e5jXd/IQCzTUh4wRcoRG6.eYa8JbuLDSwzItEv0s774vW8RWFLMG.';

export function createPasswordChecker(opts: { workers: number; queue: number }): PasswordChecker {
  if (!(opts.workers >= 1) || !(opts.queue >= 0))
    throw new Error('createPasswordChecker needs workers >= 1 and queue >= 0');
  interface Job {
    id: number;
    password: string;
    hash: string;
    resolve: (ok: boolean) => void;
    reject: (error: Error) => void;
  }
  const waiting: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  let nextId = 1;
  let closed = false;

  const start = () => {
    const worker = new Worker(new URL('./password-worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
      const job = busy.get(worker);
      busy.delete(worker);
      if (job?.id === id) job.resolve(ok === true);
      dispatch(worker);
    });
    worker.on('error', (error) => {
      const job = busy.get(worker);
      busy.delete(worker);
      job?.reject(error);
      if (!closed) dispatch(start()); // replace a worker that died
    });
    return worker;
  };
  const dispatch = (worker: Worker) => {
    const job = waiting.shift();
    if (!job) return void idle.push(worker);
    busy.set(worker, job);
    worker.postMessage({ id: job.id, password: job.password, hash: job.hash });
  };
  const workers = Array.from({ length: opts.workers }, start);
  idle.push(...workers);

  return {
    get load() {
      return { running: busy.size, waiting: waiting.length };
    },
    verify(password, hash) {
      if (closed) return Promise.reject(new Error('password checker closed'));
      if (!idle.length && waiting.length >= opts.queue)
        return Promise.reject(new CheckersBusy('Too many password checks waiting'));
      return new Promise<boolean>((resolve, reject) => {
        const usable = typeof hash === 'string' && /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash);
        // An unknown user or an unusable hash is compared against a hash nobody knows, then answered false.
        waiting.push({
          id: nextId++,
          password,
          hash: usable ? hash : NO_USER_HASH,
          resolve: (ok) => resolve(usable && ok),
          reject,
        });
        const worker = idle.pop();
        if (worker) dispatch(worker);
      });
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new Error('password checker closed'));
      await Promise.all([...idle, ...busy.keys()].map((w) => w.terminate()));
    },
  };
}
