import { describe, expect, it } from "vitest";
import { SlotPool } from "./slot-pool";

describe("SlotPool", () => {
  it("hands out free slots, then serves waiters first come, first served", async () => {
    const pool = new SlotPool(["a", "b"]);
    expect(await pool.acquire()).toBe("a");
    expect(await pool.acquire()).toBe("b");
    const order: string[] = [];
    const first = pool.acquire().then((slot) => order.push(`first:${slot}`));
    const second = pool.acquire().then((slot) => order.push(`second:${slot}`));
    expect(pool.waiting).toBe(2);
    pool.release("b");
    pool.release("a");
    await Promise.all([first, second]);
    expect(order).toEqual(["first:b", "second:a"]);
    expect(pool.available).toBe(0);
  });

  it("drops a waiter whose signal aborts, without losing the slot", async () => {
    const pool = new SlotPool([1]);
    const held = await pool.acquire();
    const controller = new AbortController();
    const aborted = pool.acquire(controller.signal);
    const next = pool.acquire();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    expect(pool.waiting).toBe(1);
    pool.release(held);
    expect(await next).toBe(1);
    await expect(pool.acquire(AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  });

  it("fails waiters and later acquires once closed", async () => {
    const pool = new SlotPool([1]);
    await pool.acquire();
    const waiting = pool.acquire();
    pool.close(new Error("closed"));
    await expect(waiting).rejects.toThrow("closed");
    await expect(pool.acquire()).rejects.toThrow("closed");
  });
});
