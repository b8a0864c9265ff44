import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordRunningProduct } from "@/server/local-services";
import { cliWithEnv } from "@/test/cli";
import { tempDir } from "@/test/files";

/**
 * The CLI with no product to find: a shell without DATABASE_URL/REDIS_URL and a data directory
 * where `npm start` is not running. (Finding a running one: test/system/cli-local-product.system-test.ts.)
 */

const withoutServices = (dataDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  APFA_DATA_DIR: dataDir,
  DATABASE_URL: "",
  REDIS_URL: "",
});

const startHint = "start it with `npm start` in another terminal, or set DATABASE_URL and REDIS_URL";

describe("cli without a running product", { timeout: 30_000 }, () => {
  it("says that none is running and how to start one, exit 1, no stack trace", async () => {
    const dir = path.join(tempDir(), "data");
    const result = await cliWithEnv(withoutServices(dir), "partner-key", "create", "Acme Bank", "--scopes", "advice");
    expect(result).toEqual({ code: 1, stdout: "", stderr: `No running APFA found in ${dir}: ${startHint}\n` });
  });

  it("says so too when the recorded product has crashed", async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await once(child, "exit");
    recordRunningProduct(dir, {
      pid: child.pid!,
      databaseUrl: "postgres://apfa:secret@127.0.0.1:1/apfa",
      redisUrl: "redis://127.0.0.1:1",
      webUrl: "http://localhost:3000",
      port: 3000,
      startedAt: new Date().toISOString(),
    });
    const result = await cliWithEnv(withoutServices(dir), "index", "list");
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `No running APFA found in ${dir} (the one recorded there, pid ${child.pid}, is no longer running): ${startHint}\n`,
    });
  });

  it("still prints help", async () => {
    const dir = tempDir();
    const top = await cliWithEnv(withoutServices(dir), "--help");
    expect(top).toMatchObject({ code: 0, stderr: "" });
    expect(top.stdout).toContain("partner-key");
    const command = await cliWithEnv(withoutServices(dir), "partner-key", "--help");
    expect(command).toMatchObject({ code: 0, stderr: "" });
    expect(command.stdout).toContain("partner-key create <name> --scopes");
  });
});
