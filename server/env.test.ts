import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

/** The issues parseEnv reports, or [] when the environment is valid. */
function issuesFor(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).issues;
  }
}

describe("parseEnv", () => {
  it("applies defaults to an empty environment", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.APFA_QUEUE_PREFIX).toBe("apfa");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each(["abc", "0", "70000", "3000.5"])("names PORT when it is %j", (port) => {
    const issues = issuesFor({ PORT: port });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^PORT: /);
  });

  it("names the variable in the thrown message, so start-up output says what to fix", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/apfa" })).toThrow(
      /DATABASE_URL: must start with postgres:\/\//,
    );
  });

  describe("OIDC settings are all or none", () => {
    const full = { OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "apfa", OIDC_CLIENT_SECRET: "s3cret" };

    it("accepts none and all three", () => {
      expect(issuesFor({})).toEqual([]);
      expect(issuesFor(full)).toEqual([]);
    });

    it.each(Object.keys(full))("refuses a set missing %s", (missing) => {
      const partial = { ...full, [missing]: "" };
      expect(issuesFor(partial)).toEqual([
        "OIDC_ISSUER: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      ]);
    });
  });

  describe("demo accounts", () => {
    it.each([
      [{}, true],
      [{ NODE_ENV: "development" }, true],
      [{ NODE_ENV: "test" }, true],
      [{ NODE_ENV: "production" }, false],
      [{ NODE_ENV: "production", APFA_ENABLE_DEMO_ACCOUNTS: "true" }, true],
      [{ NODE_ENV: "production", APFA_ENABLE_DEMO_ACCOUNTS: "false" }, false],
      [{ NODE_ENV: "development", APFA_ENABLE_DEMO_ACCOUNTS: "false" }, false],
    ])("%j → enabled: %s", (source, enabled) => {
      expect(parseEnv(source).demoAccountsEnabled).toBe(enabled);
    });

    it("refuses a flag that is not a boolean, rather than guessing", () => {
      expect(issuesFor({ APFA_ENABLE_DEMO_ACCOUNTS: "yes" })[0]).toMatch(/^APFA_ENABLE_DEMO_ACCOUNTS: /);
    });
  });
});
