import { describe, expect, it } from "vitest";
import { EnvError, fillServiceUrls, parseEnv } from "./env";

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

  describe("WORKER_METRICS_PORT", () => {
    it("defaults to 9464; off and 0 turn the worker's metrics endpoint off", () => {
      expect(parseEnv({}).WORKER_METRICS_PORT).toBe(9464);
      expect(parseEnv({ WORKER_METRICS_PORT: "9100" }).WORKER_METRICS_PORT).toBe(9100);
      expect(parseEnv({ WORKER_METRICS_PORT: "off" }).WORKER_METRICS_PORT).toBeNull();
      expect(parseEnv({ WORKER_METRICS_PORT: "0" }).WORKER_METRICS_PORT).toBeNull();
    });

    it.each(["on", "-1", "70000", "9464.5"])("names the variable when it is %j", (port) => {
      expect(issuesFor({ WORKER_METRICS_PORT: port })).toEqual([
        'WORKER_METRICS_PORT: must be a port number (1–65535), or "off" (or 0) for no metrics endpoint',
      ]);
    });
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

  describe("index lifecycle settings", () => {
    it("defaults to an hourly refresh, a 10 s reconcile and batches of 1,000", () => {
      expect(parseEnv({})).toMatchObject({
        INDEX_REFRESH_CRON: "0 * * * *",
        INDEX_RECONCILE_SECONDS: 10,
        EMBED_BATCH_SIZE: 1000,
      });
      expect(parseEnv({ INDEX_REFRESH_CRON: "off" }).INDEX_REFRESH_CRON).toBe("off");
      expect(parseEnv({ INDEX_REFRESH_CRON: "*/15 * * * *" }).INDEX_REFRESH_CRON).toBe("*/15 * * * *");
    });

    it("names each bad value", () => {
      expect(issuesFor({ INDEX_REFRESH_CRON: "hourly" })).toEqual([
        'INDEX_REFRESH_CRON: must be a cron pattern ("0 * * * *") or "off"',
      ]);
      expect(issuesFor({ INDEX_RECONCILE_SECONDS: "soon" })).toEqual([
        "INDEX_RECONCILE_SECONDS: must be a number of seconds",
      ]);
      expect(issuesFor({ EMBED_BATCH_SIZE: "2.5" })).toEqual(["EMBED_BATCH_SIZE: must be a whole number"]);
    });
  });

  describe("ARTIFACT_STORE", () => {
    it.each([
      "artifacts",
      "/srv/apfa/artifacts",
      "file:///srv/apfa/artifacts",
      "s3://apfa-artifacts",
      "s3://apfa.eu-1/prod/",
    ])("accepts %j", (location) => {
      expect(parseEnv({ ARTIFACT_STORE: location }).ARTIFACT_STORE).toBe(location);
    });

    it("is unset by default (the store then lives under the data dir)", () => {
      expect(parseEnv({}).ARTIFACT_STORE).toBeUndefined();
    });

    it.each([
      "s3://",
      "s3://ab",
      "s3://Apfa_Artifacts/prod",
      "s3://-apfa/prod",
      "gs://apfa/prod",
      "file://relative/dir",
    ])("names ARTIFACT_STORE when it is %j", (location) => {
      expect(issuesFor({ ARTIFACT_STORE: location })).toEqual([
        "ARTIFACT_STORE: must be a directory, file:///dir or s3://bucket/prefix",
      ]);
    });
  });

  describe("S3 settings", () => {
    it("defaults to AWS S3 in us-east-1, virtual-hosted style, credentials from the SDK's chain", () => {
      const env = parseEnv({});
      expect(env.S3_ENDPOINT).toBeUndefined();
      expect(env.S3_REGION).toBe("us-east-1");
      expect(env.s3ForcePathStyle).toBe(false);
      expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
      expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    });

    it("turns path-style requests on with S3_ENDPOINT, unless S3_FORCE_PATH_STYLE says otherwise", () => {
      expect(parseEnv({ S3_ENDPOINT: "http://minio:9000" }).s3ForcePathStyle).toBe(true);
      expect(parseEnv({ S3_ENDPOINT: "http://minio:9000", S3_FORCE_PATH_STYLE: "false" }).s3ForcePathStyle).toBe(false);
      expect(parseEnv({ S3_FORCE_PATH_STYLE: "1" }).s3ForcePathStyle).toBe(true);
    });

    it("takes the region as given", () => {
      expect(parseEnv({ S3_REGION: "eu-central-1" }).S3_REGION).toBe("eu-central-1");
    });

    it.each([
      [{ S3_ENDPOINT: "minio:9000" }, "S3_ENDPOINT: must start with http:// or https://"],
      [{ S3_FORCE_PATH_STYLE: "yes" }, /^S3_FORCE_PATH_STYLE: /],
      [{ S3_REGION: " " }, /^S3_REGION: /],
    ])("refuses %j", (source, issue) => {
      const issues = issuesFor(source);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatch(issue);
    });

    it("takes both credentials or neither", () => {
      const keys = { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret-example" };
      expect(issuesFor(keys)).toEqual([]);
      const message = "AWS_ACCESS_KEY_ID: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together";
      expect(issuesFor({ AWS_ACCESS_KEY_ID: keys.AWS_ACCESS_KEY_ID })).toEqual([message]);
      expect(issuesFor({ AWS_SECRET_ACCESS_KEY: keys.AWS_SECRET_ACCESS_KEY })).toEqual([message]);
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

describe("fillServiceUrls", () => {
  const recorded = { DATABASE_URL: "postgres://apfa:pw@127.0.0.1:41234/apfa", REDIS_URL: "redis://127.0.0.1:41235" };

  it("fills the URLs the environment left unset", () => {
    const env = parseEnv({ DATABASE_URL: "", REDIS_URL: "" });
    fillServiceUrls(recorded, env);
    expect([env.DATABASE_URL, env.REDIS_URL]).toEqual([recorded.DATABASE_URL, recorded.REDIS_URL]);
  });

  it("leaves the ones set explicitly", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://db.internal/apfa" });
    fillServiceUrls(recorded, env);
    expect([env.DATABASE_URL, env.REDIS_URL]).toEqual(["postgres://db.internal/apfa", recorded.REDIS_URL]);
  });

  it("checks them like the variables", () => {
    expect(() => fillServiceUrls({ ...recorded, REDIS_URL: "http://127.0.0.1:6379" }, parseEnv({}))).toThrow(
      /REDIS_URL: must start with redis:\/\//,
    );
  });
});
