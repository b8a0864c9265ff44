/**
 * A fixed set of generation slots handed out first come, first served. A released slot goes
 * straight to the longest waiter (no barging), and a waiter whose signal aborts leaves the queue
 * without ever holding a slot.
 */
export class SlotPool<T> {
  private readonly free: T[];
  private readonly waiters: { grant(slot: T): void; fail(reason: unknown): void }[] = [];
  private closedReason: Error | undefined;

  constructor(slots: T[]) {
    this.free = [...slots];
    this.size = slots.length;
  }

  readonly size: number;

  get available(): number {
    return this.free.length;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(signal?: AbortSignal): Promise<T> {
    if (this.closedReason) return Promise.reject(this.closedReason);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal!.reason);
      };
      const waiter = {
        grant: (granted: T) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(granted);
        },
        fail: (reason: unknown) => {
          signal?.removeEventListener("abort", onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(slot: T): void {
    const next = this.waiters.shift();
    if (next) next.grant(slot);
    else this.free.push(slot);
  }

  /** Fails every waiter and every later acquire with `reason`. */
  close(reason: Error): void {
    this.closedReason = reason;
    for (const waiter of this.waiters.splice(0)) waiter.fail(reason);
  }
}
