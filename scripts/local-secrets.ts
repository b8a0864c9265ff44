import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Secrets for a local install, generated once and kept (mode 0600) under the data directory
 * so sessions and the embedded database survive restarts. Production passes them through env.
 */
export interface LocalSecrets {
  postgresPassword: string;
  authSecret: string;
}

export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "local-secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    postgresPassword: randomBytes(18).toString("base64url"),
    authSecret: randomBytes(32).toString("base64url"),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
