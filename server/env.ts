import path from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Everything else imports `env`.
 * A bad value stops start-up with a message naming the variable.
 */

const booleanFlag = z.enum(["true", "false", "1", "0", ""]).transform((value) => value === "true" || value === "1");

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(p)), {
      message: `must start with ${protocols.join(" or ")}`,
    });

/** The two service URLs, also checked on their own when a process fills them in (fillServiceUrls). */
const serviceUrls = {
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
};

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce
      .number({ message: "must be a port number (1–65535)" })
      .int("must be a port number (1–65535)")
      .min(1, "must be a port number (1–65535)")
      .max(65535, "must be a port number (1–65535)")
      .default(3000),
    APFA_DATA_DIR: z.string().min(1).default(".data"),
    ...serviceUrls,
    APFA_QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/, "lowercase letters, digits, - and _ only")
      .default("apfa"),
    MODELS_DIR: z.string().min(1).default("models"),
    /** Index and embedding artifacts: a directory, file:///dir or s3://bucket/prefix. Default <data dir>/artifacts. */
    ARTIFACT_STORE: z
      .string()
      .regex(
        /^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?|file:\/\/\/.+|[^:]+)$/,
        "must be a directory, file:///dir or s3://bucket/prefix",
      )
      .optional(),
    /** S3-compatible server for an s3:// ARTIFACT_STORE (MinIO, Ceph…); unset means AWS S3. */
    S3_ENDPOINT: optionalUrl(["http://", "https://"]),
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    /** Path-style requests (host/bucket/key). Unset: on with S3_ENDPOINT, as most S3-compatible servers need. */
    S3_FORCE_PATH_STYLE: booleanFlag.optional(),
    /** S3 credentials; unset, the AWS SDK's default chain applies (shared config, instance or task role). */
    AWS_ACCESS_KEY_ID: z.string().optional(),
    AWS_SECRET_ACCESS_KEY: z.string().optional(),
    AWS_SESSION_TOKEN: z.string().optional(),
    /** Cron pattern of the background re-embed + candidate build; "off" disables it. */
    INDEX_REFRESH_CRON: z
      .string()
      .regex(/^(off|(\S+\s+){4,5}\S+)$/, 'must be a cron pattern ("0 * * * *") or "off"')
      .default("0 * * * *"),
    /** How long a process waits for a PostgreSQL connection before failing the request (503). */
    PG_CONNECT_TIMEOUT_MS: z.coerce
      .number({ message: "must be a number of milliseconds" })
      .int()
      .min(100)
      .max(120_000)
      .default(3000),
    /** The longest one SQL statement may run (server statement_timeout and client query_timeout). */
    PG_STATEMENT_TIMEOUT_MS: z.coerce
      .number({ message: "must be a number of milliseconds" })
      .int()
      .min(1000)
      .max(3_600_000)
      .default(60_000),
    /** How often each web instance checks the active index pointer in the database (missed swap messages). */
    INDEX_RECONCILE_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).min(1).max(3600).default(10),
    /** Releases whose engines one process keeps loaded at once (production is never evicted). */
    APFA_LIVE_RELEASES: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(16).default(3),
    /** Documents per embedding batch (one artifact each). */
    EMBED_BATCH_SIZE: z.coerce.number({ message: "must be a whole number" }).int().min(10).max(100_000).default(1000),
    /** auto: MiniLM when its weights are in MODELS_DIR, else the hashing embedder. */
    APFA_EMBEDDER: z.enum(["auto", "minilm", "hash"]).default("auto"),
    /** auto: llama when a GGUF is in MODELS_DIR, else openai when OPENAI_BASE_URL is set, else grounded. */
    APFA_ANALYZER: z.enum(["auto", "llama", "openai", "grounded"]).default("auto"),
    LLM_MODEL_FILE: z.string().optional(),
    LLM_THREADS: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(256).optional(),
    LLM_CONTEXTS: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(64).default(2),
    OPENAI_BASE_URL: optionalUrl(["http://", "https://"]),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_MODEL: z.string().default("llama3"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_URL: optionalUrl(["http://", "https://"]),
    APFA_DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").default("apfa-demo-2026"),
    APFA_ENABLE_DEMO_ACCOUNTS: booleanFlag.optional(),
    APFA_SEED_CORPUS: booleanFlag.default(true),
    OIDC_ISSUER: optionalUrl(["http://", "https://"]),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    PARTNER_RATE_LIMIT_PER_MINUTE: z.coerce
      .number({ message: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .default(60),
    WORKER_CONCURRENCY: z.coerce
      .number({ message: "must be a whole number from 1 to 64" })
      .int("must be a whole number from 1 to 64")
      .min(1, "must be a whole number from 1 to 64")
      .max(64, "must be a whole number from 1 to 64")
      .default(2),
    /**
     * Port of the worker's Prometheus endpoint (GET /metrics on every interface); "off" or 0: none.
     * 9464 is the port OpenTelemetry's Prometheus exporters use by default.
     */
    WORKER_METRICS_PORT: z
      .string()
      .trim()
      .default("9464")
      .refine((value) => value === "off" || (/^\d{1,5}$/.test(value) && Number(value) <= 65535), {
        message: 'must be a port number (1–65535), or "off" (or 0) for no metrics endpoint',
      })
      .transform((value) => (value === "off" || Number(value) === 0 ? null : Number(value))),
    /** Whether moving `production` needs a second person's approval of the release (four-eyes). */
    APFA_FOUR_EYES: booleanFlag.default(false),
    /** Shadow-replay gate: the candidate's mean top-5 source overlap with production must reach this. */
    APFA_SHADOW_MIN_OVERLAP: z.coerce.number({ message: "must be a number from 0 to 1" }).min(0).max(1).default(0.6),
    /** Shadow-replay gate: at most this many questions newly flagged for bias by the candidate. */
    APFA_SHADOW_MAX_NEW_FLAGS: z.coerce.number({ message: "must be a whole number" }).int().min(0).default(0),
    /** How many recent production questions a shadow replay runs through the candidate. */
    APFA_SHADOW_QUESTIONS: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(10_000).default(200),
    /**
     * How many cases of the audit set a fairness audit asks (each with its six protected swaps and two
     * controls). 0, the default, asks all of them; a smaller number makes audits quick (tests, demos).
     */
    APFA_AUDIT_CASES: z.coerce.number({ message: "must be a whole number (0: every case)" }).int().min(0).default(0),
    /** When the worker audits the production release again (cron, server time); "off" never. */
    APFA_AUDIT_CRON: z.string().default("30 2 * * *"),
    /** Which recall the index gate reads: strict recall@5, or ann-benchmarks' ε-recall. Both must reach 0.95. */
    APFA_RECALL_GATE: z.enum(["strict", "epsilon"]).default("strict"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /**
     * An OpenTelemetry collector's OTLP/HTTP endpoint (e.g. http://otel-collector:4318): spans go
     * to <endpoint>/v1/traces. Unset, tracing is off: spans are not recorded or sent.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(["http://", "https://"]),
    /** The traces endpoint itself, when it is not <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces (the OTLP convention). */
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl(["http://", "https://"]),
  })
  .superRefine((value, ctx) => {
    const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      });
    }
    if (Boolean(value.AWS_ACCESS_KEY_ID) !== Boolean(value.AWS_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["AWS_ACCESS_KEY_ID"],
        message: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together",
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  /** Demo accounts are on outside production, and in production only when explicitly enabled. */
  demoAccountsEnabled: boolean;
  /** S3_FORCE_PATH_STYLE, defaulting to on when S3_ENDPOINT points at an S3-compatible server. */
  s3ForcePathStyle: boolean;
  dataDir: string;
};

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "env"}: ${issue.message}`));
  }
  const value = result.data;
  return {
    ...value,
    demoAccountsEnabled: value.APFA_ENABLE_DEMO_ACCOUNTS ?? value.NODE_ENV !== "production",
    s3ForcePathStyle: value.S3_FORCE_PATH_STYLE ?? value.S3_ENDPOINT !== undefined,
    dataDir: path.resolve(value.APFA_DATA_DIR),
  };
}

export const env: Env = parseEnv(process.env);

type ServiceUrls = { DATABASE_URL?: string; REDIS_URL?: string };

/**
 * Fills in DATABASE_URL / REDIS_URL that the environment left unset, for a process that joins a
 * product already running instead of being started by it: the CLI, with the URLs `npm start`
 * recorded (cli/local-product.ts). Explicit variables win; the filled values are checked by the
 * same rules as the variables. server/db and server/redis read these when they first connect,
 * so this must run before that.
 */
export function fillServiceUrls(urls: ServiceUrls, target: Env = env): void {
  const result = z.object(serviceUrls).safeParse(urls);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  target.DATABASE_URL ??= result.data.DATABASE_URL;
  target.REDIS_URL ??= result.data.REDIS_URL;
}

/**
 * A secret whose variable a registered version names (an OpenAI-compatible analyzer's
 * `apiKeyEnv`): read when its engine is built, never stored, so it is not part of the schema.
 */
export function secretFromEnv(name: string): string | undefined {
  return process.env[name] || undefined;
}
