import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeZodError, nulCharacterAt, nulCharacterMessage } from "./errors";

describe("describeZodError", () => {
  const schema = z.object({
    query: z.string().min(1, "query is empty"),
    filters: z.object({ scopes: z.array(z.enum(["advice"], { message: "unknown scope" })) }),
  });

  it("names each field in one line, groups messages by field, and keeps the bare messages", () => {
    const result = schema.safeParse({ query: "", filters: { scopes: ["advice", "models:read"] } });
    expect(result.success).toBe(false);
    expect(describeZodError(result.error!)).toEqual({
      message: "query: query is empty; filters.scopes.1: unknown scope",
      fieldErrors: { query: ["query is empty"], "filters.scopes.1": ["unknown scope"] },
      messages: ["query is empty", "unknown scope"],
    });
  });

  it("files an error about the whole value under 'body'", () => {
    const result = z.string({ message: "must be text" }).safeParse(42);
    expect(describeZodError(result.error!)).toEqual({
      message: "must be text",
      fieldErrors: { body: ["must be text"] },
      messages: ["must be text"],
    });
  });
});

describe("nulCharacterAt", () => {
  it("names where a NUL sits in a client's value, in strings, keys and nested arrays", () => {
    expect(nulCharacterAt({ a: "ok", b: ["fine", "x\u0000y"] }, "input")).toBe("input.b[1]");
    expect(nulCharacterAt({ ["k\u0000"]: 1 }, "body")).toBe("body");
    expect(nulCharacterAt("\u0000", "input")).toBe("input");
    expect(nulCharacterAt({ a: "\uD800 \u202E 😀", n: 1, z: null }, "input")).toBeNull();
    expect(nulCharacterMessage("input.b[1]")).toBe(
      "input.b[1] contains a NUL character (\\u0000), which text here may not hold.",
    );
  });
});
