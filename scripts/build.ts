/** `npm run build`: the Next.js production build, then the fingerprint `npm start` checks to skip rebuilding. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { recordBuild } from "./build-freshness";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const result = spawnSync(process.execPath, [nextBin, "build"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
if (result.status !== 0) process.exit(result.status ?? 1);
recordBuild(root);
