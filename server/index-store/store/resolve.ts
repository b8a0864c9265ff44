import path from "node:path";
import { fileURLToPath } from "node:url";
import { env } from "../../env";
import { LocalArtifactStore } from "./local";
import type { ArtifactStore } from "./types";

let store: ArtifactStore | undefined;

/** The configured store: ARTIFACT_STORE (a path, file:// or s3:// URI), else `<data dir>/artifacts`. */
export function artifactStore(): ArtifactStore {
  store ??= storeFor(env.ARTIFACT_STORE ?? path.join(env.dataDir, "artifacts"));
  return store;
}

export function storeFor(location: string): ArtifactStore {
  if (location.startsWith("s3://")) throw new Error("s3 artifact stores are not wired yet");
  return new LocalArtifactStore(location.startsWith("file://") ? fileURLToPath(location) : path.resolve(location));
}
