/**
 * The artifacts domain's public face: where index and embedding files live (a local directory or
 * an S3-compatible bucket), and reading them back only once their sha256 matches.
 */
export { ArtifactNotFoundError, CorruptArtifactError, type ArtifactStore } from "./types";
export { LocalArtifactStore } from "./local";
export { parseS3Location, s3Client, S3ArtifactStore, type S3Location, type S3ClientSettings } from "./s3";
export { artifactStore, storeFor } from "./resolve";
export { getVerified, localFileVerified } from "./verify";
