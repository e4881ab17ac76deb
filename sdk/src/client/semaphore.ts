/**
 * A counting semaphore and the per-account registry of them: LivePerson asks API users to avoid
 * bursts, so every client of one account shares one in-flight limit.
 */

/** FIFO counting semaphore. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("Semaphore limit must be a positive integer");
  }

  /** Requests currently holding a permit. */
  get inFlight(): number {
    return this.active;
  }

  /** Runs `fn` while holding one permit. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(): void {
    const next = this.waiters.shift();
    // Hand the permit straight to the next waiter so a newcomer cannot overtake it.
    if (next) next();
    else this.active--;
  }
}

/** Default number of concurrent requests per account. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;

const perAccount = new Map<string, Semaphore>();

/** The semaphore of an account; the first caller's limit wins for the life of the process. */
export function accountSemaphore(accountId: string, limit = DEFAULT_ACCOUNT_CONCURRENCY): Semaphore {
  let s = perAccount.get(accountId);
  if (!s) {
    s = new Semaphore(limit);
    perAccount.set(accountId, s);
  }
  return s;
}

/** Drops all account semaphores. @internal For tests. */
export function resetAccountSemaphores(): void {
  perAccount.clear();
}
