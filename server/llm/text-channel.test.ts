import { describe, expect, it } from "vitest";
import { TextChannel } from "./text-channel";

describe("TextChannel", () => {
  it("delivers chunks pushed before and while the consumer waits, in order, then ends", async () => {
    const channel = new TextChannel();
    channel.push("a");
    channel.push("");
    const reading = (async () => {
      const seen: string[] = [];
      for await (const chunk of channel) seen.push(chunk);
      return seen;
    })();
    await Promise.resolve();
    channel.push("b");
    channel.push("c");
    channel.end();
    channel.push("ignored");
    expect(await reading).toEqual(["a", "b", "c"]);
  });

  it("fails after the buffered chunks have been read", async () => {
    const channel = new TextChannel();
    channel.push("a");
    channel.fail(new Error("boom"));
    expect(await channel.next()).toEqual({ value: "a", done: false });
    await expect(channel.next()).rejects.toThrow("boom");
    expect(await channel.next()).toEqual({ value: undefined, done: true });
  });

  it("fails a consumer that is already waiting", async () => {
    const channel = new TextChannel();
    const next = channel.next();
    channel.fail(new Error("boom"));
    await expect(next).rejects.toThrow("boom");
  });
});
