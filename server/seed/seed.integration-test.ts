import { inArray } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_ACCOUNTS, verifyCredentials } from "../auth";
import { getDb } from "../db";
import { users } from "../auth";
import { env } from "../env";
import { seed } from ".";

const demoEmails = DEMO_ACCOUNTS.map((account) => account.email);
const demoRows = () => getDb().select().from(users).where(inArray(users.email, demoEmails));

describe("seed", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  // The corpus is left out: ingest tests cover it, and seeding it would make this file slow.
  it("creates the demo accounts once, however often it runs", async () => {
    expect(await seed({ corpus: false })).toEqual({ demoAccounts: 3, corpus: "disabled" });
    expect(await seed({ corpus: false })).toEqual({ demoAccounts: 3, corpus: "disabled" });

    const rows = await demoRows();
    expect(
      rows.map(({ email, role, isDemo }) => ({ email, role, isDemo })).sort((x, y) => x.email.localeCompare(y.email)),
    ).toEqual([
      { email: "admin@apfa.local", role: "admin", isDemo: true },
      { email: "borrower@apfa.local", role: "borrower", isDemo: true },
      { email: "ml@apfa.local", role: "ml_engineer", isDemo: true },
    ]);
    expect(rows.every((row) => row.passwordHash?.startsWith("scrypt$"))).toBe(true);
  });

  it("lets the demo accounts sign in with the demo password and nothing else", async () => {
    await seed({ corpus: false });
    expect(await verifyCredentials(" Admin@APFA.local ", env.APFA_DEMO_PASSWORD)).toMatchObject({
      email: "admin@apfa.local",
      name: "Demo Admin",
      role: "admin",
    });
    expect(await verifyCredentials("ml@apfa.local", env.APFA_DEMO_PASSWORD)).toMatchObject({ role: "ml_engineer" });
    expect(await verifyCredentials("admin@apfa.local", `${env.APFA_DEMO_PASSWORD}x`)).toBeNull();
    expect(await verifyCredentials("nobody@apfa.local", env.APFA_DEMO_PASSWORD)).toBeNull();
  });

  it("refuses demo sign-in in production unless demo accounts are enabled", async () => {
    await seed({ corpus: false });
    // server/env reads process.env once, so load a fresh copy of the modules under production settings.
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APFA_ENABLE_DEMO_ACCOUNTS", undefined);
    vi.resetModules();
    const production = await import("../auth");
    expect(await production.verifyCredentials("admin@apfa.local", env.APFA_DEMO_PASSWORD)).toBeNull();
    expect(await production.ensureDemoAccounts()).toBe(0);

    vi.stubEnv("APFA_ENABLE_DEMO_ACCOUNTS", "true");
    vi.resetModules();
    const enabled = await import("../auth");
    expect(await enabled.verifyCredentials("admin@apfa.local", env.APFA_DEMO_PASSWORD)).toMatchObject({
      role: "admin",
    });
  });
});
