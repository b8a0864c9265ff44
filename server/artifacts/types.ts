/**
 * Where index and embedding artifacts live: a local directory by default, any S3-compatible
 * bucket by configuration (ARTIFACT_STORE). Keys are relative paths such as
 * `indexes/<version>/index` or `embeddings/<embedder-version>/batch_0001.vectors`.
 *
 * The store only moves bytes. Integrity is the caller's job: every artifact's sha256 is recorded
 * in a manifest and checked (see verify.ts) before the bytes are used.
 */
export interface ArtifactStore {
  /** Where the store lives, e.g. `file:///srv/apfa/artifacts` or `s3://bucket/prefix`. */
  readonly uri: string;
  /** The location of one artifact, for messages, manifests and the swap message. */
  uriOf(key: string): string;
  /** Writes an artifact so that readers see either the old bytes or all of the new ones. */
  put(key: string, bytes: Uint8Array | string): Promise<void>;
  /** Reads a whole artifact; throws ArtifactNotFoundError when there is none. */
  get(key: string): Promise<Buffer>;
  /**
   * A local file holding the artifact: the file itself for a local store, a download into
   * `cacheDir` for a remote one (reused when already there). Not verified: callers check its sha256.
   */
  localFile(key: string, cacheDir: string): Promise<string>;
  /**
   * Forgets a local copy that failed its check, so the next localFile fetches the artifact again:
   * a remote store deletes its download from `cacheDir`; a local store's file is the artifact
   * itself and is left alone.
   */
  dropLocalFile(key: string, cacheDir: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix (`embeddings/hash-v2-384/`), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes every artifact under a prefix. */
  deletePrefix(prefix: string): Promise<void>;
}

export class ArtifactNotFoundError extends Error {
  constructor(readonly uri: string) {
    super(`artifact not found: ${uri}`);
    this.name = "ArtifactNotFoundError";
  }
}

export class CorruptArtifactError extends Error {
  constructor(
    readonly uri: string,
    detail: string,
  ) {
    super(`artifact ${uri} is corrupt or truncated (${detail}); it was not used`);
    this.name = "CorruptArtifactError";
  }
}
