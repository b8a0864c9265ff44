import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mutateAs } from "@/test/trpc";

const admin = { id: randomUUID(), email: "admin@partners-router.test", name: "Admin", role: "admin" as const };

describe("partners.create (the console's New key form)", () => {
  it("refuses an unknown scope with a message naming it and the valid ones", async () => {
    expect(
      await mutateAs(admin, "partners.create", { name: `Partner ${randomUUID()}`, scopes: ["advice", "index:read"] }),
    ).toEqual({ status: 400, message: "scopes.1: unknown scope 'index:read'; valid scopes: advice, registry:read" });
  });
});
