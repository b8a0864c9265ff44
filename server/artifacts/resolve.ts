import path from "node:path";
import { fileURLToPath } from "node:url";
import { env } from "../env";
import { LocalArtifactStore } from "./local";
import { parseS3Location, S3ArtifactStore, s3Client } from "./s3";
import type { ArtifactStore } from "./types";

let store: ArtifactStore | undefined;

/** The configured store: ARTIFACT_STORE (a path, file:// or s3:// URI), else `<data dir>/artifacts`. */
export function artifactStore(): ArtifactStore {
  store ??= storeFor(env.ARTIFACT_STORE ?? path.join(env.dataDir, "artifacts"));
  return store;
}

export function storeFor(location: string): ArtifactStore {
  if (location.startsWith("s3://")) return s3StoreFor(location);
  return new LocalArtifactStore(location.startsWith("file://") ? fileURLToPath(location) : path.resolve(location));
}

/** An S3 store at `location`, reached with the S3_* and AWS_* settings of the environment. */
function s3StoreFor(location: string): S3ArtifactStore {
  let parsed;
  try {
    parsed = parseS3Location(location);
  } catch (error) {
    throw new Error(`ARTIFACT_STORE=${location} is not a usable s3://bucket/prefix: ${(error as Error).message}`);
  }
  const client = s3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.s3ForcePathStyle,
    credentials:
      env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            sessionToken: env.AWS_SESSION_TOKEN,
          }
        : undefined,
  });
  return new S3ArtifactStore({ ...parsed, client });
}
