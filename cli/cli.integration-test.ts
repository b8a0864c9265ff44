import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { verifyPartnerKey } from "@/server/partners";
import { tempDir, writeFile } from "@/test/files";
import { csvHeader, csvLine, uniqueLoan } from "@/test/loans";

/** The CLI as a user runs it (test/cli.ts): a separate process on the test database and queue prefix. */

describe("cli", () => {
  it("creates a partner key that then verifies against the database", async () => {
    const name = `Foo ${randomUUID().slice(0, 8)}`;
    const { code, stdout, stderr } = await cli("partner-key", "create", name, "--scopes", "advice");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`for ${name} (scopes: advice)`);
    const key = /key \(shown once, store it now\): (apfa_\S+)/.exec(stdout)?.[1];
    expect(key).toBeDefined();
    expect(await verifyPartnerKey(key!)).toMatchObject({ name, scopes: ["advice"] });
  });

  it("refuses an unknown scope, naming it and the valid ones", async () => {
    const { code, stdout, stderr } = await cli("partner-key", "create", "Foo", "--scopes", "advice,models:read");
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr.trim()).toBe("error: unknown scope 'models:read'; valid scopes: advice, registry:read");
  });

  it("ingests a file, printing each malformed line and a summary", async () => {
    const file = writeFile(
      tempDir(),
      "loans.csv",
      [csvHeader, csvLine(uniqueLoan()), csvLine(uniqueLoan({ addr_state: "Arizona" }))].join("\n"),
    );
    const { code, stdout } = await cli("ingest", file, "--source", `cli-test-${randomUUID()}`);
    expect(code).toBe(0);
    expect(stdout).toContain("line 3: addr_state must be a two-letter state code");
    expect(stdout).toContain("2 rows: 1 stored, 0 already present, 1 malformed (skipped)");
  });

  it("exits 1 with a clear message when the file to ingest is missing", async () => {
    const { code, stdout, stderr } = await cli("ingest", "/nonexistent/loans.csv");
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr.trim()).toBe("error: file not found: /nonexistent/loans.csv");
  });

  it("exits 2 and lists the commands for an unknown command", async () => {
    const { code, stderr } = await cli("frobnicate");
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command: frobnicate");
    expect(stderr).toContain("partner-key");
  });
});
