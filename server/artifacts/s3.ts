import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { ArtifactNotFoundError, type ArtifactStore } from "./types";

/** S3's own limit for one ListObjectsV2 page and one DeleteObjects request. */
const MAX_KEYS_PER_REQUEST = 1000;

export interface S3Location {
  bucket: string;
  /** "" or a prefix ending in "/", e.g. "apfa/prod/". */
  prefix: string;
}

/**
 * Splits `s3://bucket/some/prefix` into bucket and key prefix. Throws (without naming a variable:
 * the caller knows where the location came from) when the bucket name or the prefix is not usable.
 */
export function parseS3Location(location: string): S3Location {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(location);
  if (!match) throw new Error(`not an s3://bucket/prefix location: ${location}`);
  const bucket = match[1] ?? "";
  // S3's bucket naming rules (lowercase, 3–63 characters, starting and ending alphanumeric).
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`"${bucket}" is not a valid bucket name (3–63 lowercase letters, digits, "." or "-")`);
  }
  const prefix = (match[2] ?? "").replace(/\/$/, "");
  if (prefix === "") return { bucket, prefix: "" };
  if (prefix.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) {
    throw new Error(`the prefix of ${location} has an empty, "." or ".." segment`);
  }
  return { bucket, prefix: `${prefix}/` };
}

export interface S3ClientSettings {
  /** For S3-compatible servers (MinIO, Ceph…); unset means AWS S3 itself. */
  endpoint?: string;
  region: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`; most S3-compatible servers need it. */
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's default chain (environment, shared config files, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function s3Client(settings: S3ClientSettings): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
  });
}

export interface S3ArtifactStoreOptions extends S3Location {
  client: S3Client;
  /** Keys per ListObjectsV2 page and per DeleteObjects batch (at most 1000, S3's limit). */
  pageSize?: number;
}

/**
 * Artifacts as objects under one prefix of an S3-compatible bucket. A single PutObject is atomic
 * for readers (they see the old object or the whole new one), so `put` needs no temp-and-rename.
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly uri: string;
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly pageSize: number;

  constructor(options: S3ArtifactStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.client = options.client;
    this.pageSize = Math.min(Math.max(1, options.pageSize ?? MAX_KEYS_PER_REQUEST), MAX_KEYS_PER_REQUEST);
    this.uri = `s3://${this.bucket}/${this.prefix}`.replace(/\/$/, "");
  }

  /**
   * The object key of an artifact. S3 keys are plain strings, but `..` is refused anyway: the same
   * key must mean the same thing here, in the local store and in the download cache (a path).
   */
  private objectKey(key: string): string {
    if (key === "" || key.startsWith("/") || key.split("/").includes("..")) {
      throw new Error(`artifact key escapes the store: ${key}`);
    }
    return this.prefix + key;
  }

  uriOf(key: string): string {
    return `s3://${this.bucket}/${this.objectKey(key)}`;
  }

  async put(key: string, bytes: Uint8Array | string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: bytes }));
  }

  async get(key: string): Promise<Buffer> {
    const response = await this.getObject(key);
    return Buffer.from(await response.Body!.transformToByteArray());
  }

  /**
   * Downloads the artifact into `cacheDir/<key>`, or returns that file when it is already there.
   * Keys are meant to be immutable (versioned), so a cached file is not compared with the object;
   * the caller verifies its sha256 and, when it does not match (a corrupt cache, or a key that was
   * overwritten), calls again with `{ refresh: true }` to download it anew.
   */
  async localFile(key: string, cacheDir: string, options: { refresh?: boolean } = {}): Promise<string> {
    const file = this.cachePath(key, cacheDir);
    if (!options.refresh && (await isFile(file))) return file;

    await fs.mkdir(path.dirname(file), { recursive: true });
    const response = await this.getObject(key);
    // Streamed to a temp file and renamed: artifacts can be hundreds of MB, and a reader (or a
    // crash) must never find a half-written file under the final name.
    const temp = `${file}.tmp-${randomUUID()}`;
    try {
      await pipeline(response.Body as Readable, createWriteStream(temp));
      const { size } = await fs.stat(temp);
      // A connection closed early can end the stream without an error; never cache a short file.
      if (response.ContentLength !== undefined && size !== response.ContentLength) {
        throw new Error(`download of ${this.uriOf(key)} ended after ${size} of ${response.ContentLength} bytes`);
      }
      await fs.rename(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    return file;
  }

  async dropLocalFile(key: string, cacheDir: string): Promise<void> {
    await fs.rm(this.cachePath(key, cacheDir), { force: true });
  }

  private cachePath(key: string, cacheDir: string): string {
    const file = path.resolve(cacheDir, key);
    if (!file.startsWith(path.resolve(cacheDir) + path.sep)) throw new Error(`artifact key escapes the store: ${key}`);
    return file;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          MaxKeys: this.pageSize,
          ContinuationToken: continuationToken,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) keys.push(object.Key.slice(this.prefix.length));
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    // S3 lists in UTF-8 byte order; sort like the local store so both return the same order.
    return keys.sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    // Listed in full first: deleting while paging through the same listing could skip keys.
    const keys = await this.list(prefix);
    for (let start = 0; start < keys.length; start += this.pageSize) {
      const batch = keys.slice(start, start + this.pageSize);
      const response = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((key) => ({ Key: this.prefix + key })), Quiet: true },
        }),
      );
      // DeleteObjects answers 200 even when single keys fail; those are reported in Errors.
      const failed = response.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0]!;
        throw new Error(
          `could not delete ${failed.length} artifact(s) under s3://${this.bucket}/${this.prefix}${prefix}, e.g. ${first.Key}: ${first.Code} ${first.Message}`,
        );
      }
    }
  }

  private async getObject(key: string) {
    try {
      return await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      if (isMissingObject(error)) throw new ArtifactNotFoundError(this.uriOf(key));
      throw error;
    }
  }
}

/**
 * A missing object, as opposed to a missing bucket or a refused request: GetObject names it
 * NoSuchKey; HeadObject has no body to name anything, so the SDK calls every 404 NotFound.
 */
function isMissingObject(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === "NoSuchKey" || name === "NotFound";
}

function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (stat) => stat.isFile(),
    () => false,
  );
}
