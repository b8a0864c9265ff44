import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { tempDir } from "@/test/files";
import { sha256Hex } from "../hashing";
import { LocalArtifactStore } from "./local";
import { storeFor } from "./resolve";
import { parseS3Location, S3ArtifactStore, s3Client } from "./s3";
import { ArtifactNotFoundError, CorruptArtifactError, type ArtifactStore } from "./types";
import { getVerified, localFileVerified } from "./verify";

/**
 * One contract, two stores: the local directory store and the S3 store talking HTTP to a real
 * S3-compatible server (s3rver, a pure-Node implementation) started here on a free port.
 *
 * s3rver runs in its own Node process with --openssl-legacy-provider: it encrypts its
 * ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers through the legacy
 * provider, so without the flag every listing longer than one page fails with a 500.
 */

const BUCKET = "apfa-artifacts";
// s3rver checks request signatures against this fixed key pair.
const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

let s3rver: { endpoint: string; child: ChildProcess; dir: string } | undefined;

beforeAll(async () => {
  s3rver = await startS3rver();
});

afterAll(async () => {
  if (!s3rver) return;
  const { child, dir } = s3rver;
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function startS3rver(): Promise<{ endpoint: string; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "apfa-s3rver-"));
  const bin = createRequire(import.meta.url).resolve("s3rver/bin/s3rver.js");
  const args = ["--directory", dir, "--address", "127.0.0.1", "--port", "0", "--silent", "--configure-bucket", BUCKET];
  const child = spawn(process.execPath, ["--openssl-legacy-provider", bin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on ([\d.]+):(\d+)/.exec(output);
      if (listening) resolve({ endpoint: `http://${listening[1]}:${listening[2]}`, child, dir });
    };
    child.stdout!.on("data", onOutput);
    child.stderr!.on("data", onOutput);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`s3rver exited (code ${code}) before listening:\n${output}`)));
  });
}

/** A client for the test server that records the name of every command it sends. */
function countingClient(): { client: S3Client; sent: string[] } {
  const client = s3Client({
    endpoint: s3rver!.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName ?? "unknown");
      return next(args);
    },
    { step: "initialize", name: "recordCommands" },
  );
  onTestFinished(() => client.destroy());
  return { client, sent };
}

interface StoreUnderTest {
  store: ArtifactStore;
  /** Replaces an artifact's bytes behind the store's back, as a bad disk or a botched copy would. */
  corrupt(key: string, bytes: Uint8Array): Promise<void>;
}

/** Each store opens empty; `pageSize` is honoured where listing is paged (S3). */
const kinds: { name: string; open(options?: { pageSize?: number }): StoreUnderTest }[] = [
  {
    name: "local",
    open() {
      const root = tempDir();
      return {
        store: new LocalArtifactStore(root),
        corrupt: (key, bytes) => fs.writeFile(path.join(root, key), bytes),
      };
    },
  },
  {
    name: "s3",
    open(options = {}) {
      const { client } = countingClient();
      // A fresh, nested prefix per test: stores sharing the bucket must not see each other.
      const location = parseS3Location(`s3://${BUCKET}/run-${randomUUID().slice(0, 8)}/artifacts`);
      const store = new S3ArtifactStore({ ...location, client, pageSize: options.pageSize });
      return {
        store,
        corrupt: async (key, bytes) => {
          await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: location.prefix + key, Body: bytes }));
        },
      };
    },
  },
];

const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

describe.each(kinds)("$name artifact store", ({ open }) => {
  it("returns exactly the bytes that were put, binary or text", async () => {
    const { store } = open();
    await store.put("indexes/v1/index", everyByte);
    await store.put("indexes/latest", "v1 — prêt ✓");

    expect(await store.get("indexes/v1/index")).toEqual(Buffer.from(everyByte));
    expect((await store.get("indexes/latest")).toString("utf8")).toBe("v1 — prêt ✓");
  });

  it("replaces an artifact that is put again", async () => {
    const { store } = open();
    await store.put("indexes/latest", "v1");
    await store.put("indexes/latest", "v2");

    expect((await store.get("indexes/latest")).toString()).toBe("v2");
    expect(await store.list("indexes/")).toEqual(["indexes/latest"]);
  });

  it("throws ArtifactNotFoundError, naming the artifact, for a missing key", async () => {
    const { store } = open();
    const missing = store.get("indexes/v9/index");

    await expect(missing).rejects.toBeInstanceOf(ArtifactNotFoundError);
    await expect(missing).rejects.toMatchObject({ uri: store.uriOf("indexes/v9/index") });
    await expect(store.localFile("indexes/v9/index", tempDir())).rejects.toBeInstanceOf(ArtifactNotFoundError);
  });

  it("tells whether an artifact exists, and a folder of artifacts is not one", async () => {
    const { store } = open();
    expect(await store.exists("indexes/v1/index")).toBe(false);

    await store.put("indexes/v1/index", "bytes");

    expect(await store.exists("indexes/v1/index")).toBe(true);
    expect(await store.exists("indexes/v1")).toBe(false);
  });

  it("lists the keys under a prefix, sorted, across more keys than one page holds", async () => {
    const { store } = open({ pageSize: 2 });
    const batches = ["batch_0003", "batch_0001", "batch_0005", "batch_0002", "batch_0004"];
    for (const batch of batches) await store.put(`embeddings/hash-v2-384/${batch}.vectors`, batch);
    await store.put("embeddings/minilm-v1/batch_0001.vectors", "other embedder");
    await store.put("indexes/latest", "v1");

    expect(await store.list("embeddings/hash-v2-384/")).toEqual(
      batches.sort().map((batch) => `embeddings/hash-v2-384/${batch}.vectors`),
    );
    expect(await store.list("embeddings/")).toHaveLength(6);
    expect(await store.list("models/")).toEqual([]);
  });

  it("deletes every artifact under a prefix and nothing else", async () => {
    const { store } = open({ pageSize: 2 });
    for (let i = 1; i <= 5; i++) await store.put(`embeddings/hash-v2-384/batch_000${i}.vectors`, `${i}`);
    await store.put("embeddings/minilm-v1/batch_0001.vectors", "kept");
    await store.put("indexes/latest", "kept");

    await store.deletePrefix("embeddings/hash-v2-384/");

    expect(await store.list("")).toEqual(["embeddings/minilm-v1/batch_0001.vectors", "indexes/latest"]);
    await expect(store.deletePrefix("nothing-here/")).resolves.toBeUndefined();
  });

  it("gives a local file with the artifact's bytes, streamed for a large artifact", async () => {
    const { store } = open();
    const large = randomBytes(6 * 1024 * 1024);
    await store.put("indexes/v1/index", large);

    const file = await localFileVerified(store, "indexes/v1/index", sha256Hex(large), tempDir());

    expect((await fs.readFile(file)).equals(large)).toBe(true);
  });

  it("never loses the artifact to dropLocalFile: the next localFile gives its bytes", async () => {
    const { store } = open();
    const bytes = randomBytes(4096);
    await store.put("indexes/v1/index", bytes);
    const cacheDir = tempDir();
    await store.localFile("indexes/v1/index", cacheDir);

    await store.dropLocalFile("indexes/v1/index", cacheDir);

    expect((await fs.readFile(await store.localFile("indexes/v1/index", cacheDir))).equals(bytes)).toBe(true);
    expect((await store.get("indexes/v1/index")).equals(bytes)).toBe(true);
  });

  it("getVerified accepts intact bytes and refuses corrupt or truncated ones", async () => {
    const { store, corrupt } = open();
    const bytes = randomBytes(4096);
    const sha256 = sha256Hex(bytes);
    await store.put("embeddings/hash-v2-384/batch_0001.vectors", bytes);
    expect(await getVerified(store, "embeddings/hash-v2-384/batch_0001.vectors", sha256)).toEqual(bytes);

    await corrupt("embeddings/hash-v2-384/batch_0001.vectors", bytes.subarray(0, 1000));
    const truncated = getVerified(store, "embeddings/hash-v2-384/batch_0001.vectors", sha256);
    await expect(truncated).rejects.toBeInstanceOf(CorruptArtifactError);
    await expect(truncated).rejects.toThrow(store.uriOf("embeddings/hash-v2-384/batch_0001.vectors"));

    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(100) ^ 0xff, 100);
    await corrupt("embeddings/hash-v2-384/batch_0001.vectors", flipped);
    await expect(getVerified(store, "embeddings/hash-v2-384/batch_0001.vectors", sha256)).rejects.toBeInstanceOf(
      CorruptArtifactError,
    );
  });

  it("localFileVerified refuses a corrupt artifact", async () => {
    const { store, corrupt } = open();
    const bytes = randomBytes(4096);
    await store.put("indexes/v1/index", bytes);
    await corrupt("indexes/v1/index", bytes.subarray(0, 4095));

    await expect(localFileVerified(store, "indexes/v1/index", sha256Hex(bytes), tempDir())).rejects.toBeInstanceOf(
      CorruptArtifactError,
    );
  });

  it("refuses keys that would leave the store", async () => {
    const { store } = open();

    await expect(store.put("../x", "escaped")).rejects.toThrow(/escapes the store/);
    await expect(store.put("indexes/../../x", "escaped")).rejects.toThrow(/escapes the store/);
    await expect(store.get("../x")).rejects.toThrow(/escapes the store/);
    await expect(store.localFile("../x", tempDir())).rejects.toThrow(/escapes the store/);
  });
});

describe("local artifact store", () => {
  it("lists a store whose folder does not exist yet as empty", async () => {
    expect(await new LocalArtifactStore(path.join(tempDir(), "not-yet")).list("")).toEqual([]);
  });

  it("does not list a store it cannot read as empty: the error propagates", async () => {
    // A file where the folder should be: readdir fails with ENOTDIR, even for root (mode 000 would not).
    const root = path.join(tempDir(), "artifacts");
    await fs.writeFile(root, "not a folder");

    await expect(new LocalArtifactStore(root).list("")).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(new LocalArtifactStore(root).deletePrefix("indexes/")).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(new LocalArtifactStore(root).exists("indexes/latest")).rejects.toMatchObject({ code: "ENOTDIR" });
  });
});

describe("S3 artifact store", () => {
  function openStore(options: { prefix?: string; pageSize?: number; bucket?: string } = {}) {
    const { client, sent } = countingClient();
    const location = parseS3Location(`s3://${options.bucket ?? BUCKET}/${options.prefix ?? `run-${randomUUID()}`}`);
    return { store: new S3ArtifactStore({ ...location, client, pageSize: options.pageSize }), client, sent };
  }

  it("pages through ListObjectsV2 and deletes in batches of the page size", async () => {
    const { store, sent } = openStore({ pageSize: 3 });
    for (let i = 1; i <= 7; i++) await store.put(`embeddings/e1/batch_000${i}.vectors`, `${i}`);
    sent.length = 0;

    expect(await store.list("embeddings/e1/")).toHaveLength(7);
    expect(sent).toEqual(Array(3).fill("ListObjectsV2Command"));

    sent.length = 0;
    await store.deletePrefix("embeddings/e1/");
    expect(sent.filter((command) => command === "DeleteObjectsCommand")).toHaveLength(3);
    expect(await store.list("")).toEqual([]);
  });

  it("keeps stores under different prefixes of one bucket apart, and names keys relative to the prefix", async () => {
    const run = `run-${randomUUID()}`;
    const staging = openStore({ prefix: `${run}/staging` }).store;
    const production = openStore({ prefix: `${run}/production/` }).store;
    await staging.put("indexes/latest", "staging");
    await production.put("indexes/latest", "production");

    expect(staging.uri).toBe(`s3://${BUCKET}/${run}/staging`);
    expect(production.uriOf("indexes/latest")).toBe(`s3://${BUCKET}/${run}/production/indexes/latest`);
    expect(await staging.list("")).toEqual(["indexes/latest"]);
    await staging.deletePrefix("");
    expect((await production.get("indexes/latest")).toString()).toBe("production");
  });

  it("downloads into cacheDir/<key> once, reuses it, and downloads again on refresh", async () => {
    const { store, client, sent } = openStore();
    const good = randomBytes(2048);
    const sha256 = sha256Hex(good);
    await store.put("indexes/v1/index", good);
    const cacheDir = tempDir();

    const file = await localFileVerified(store, "indexes/v1/index", sha256, cacheDir);
    expect(file).toBe(path.join(cacheDir, "indexes/v1/index"));
    expect(await fs.readdir(path.dirname(file))).toEqual(["index"]); // no temp file left behind

    sent.length = 0;
    expect(await localFileVerified(store, "indexes/v1/index", sha256, cacheDir)).toBe(file);
    expect(sent).toEqual([]); // served from the cache, no request

    // The cached copy goes bad: verification refuses it; a refresh fetches the intact object again.
    await fs.writeFile(file, good.subarray(0, 100));
    await expect(localFileVerified(store, "indexes/v1/index", sha256, cacheDir)).rejects.toBeInstanceOf(
      CorruptArtifactError,
    );
    await store.localFile("indexes/v1/index", cacheDir, { refresh: true });
    expect(await localFileVerified(store, "indexes/v1/index", sha256, cacheDir)).toBe(file);

    // Dropping the bad copy (what a failed swap does) makes the next localFile download it again.
    await fs.writeFile(file, good.subarray(0, 100));
    await store.dropLocalFile("indexes/v1/index", cacheDir);
    expect(await localFileVerified(store, "indexes/v1/index", sha256, cacheDir)).toBe(file);

    // A refresh also picks up an object that changed, which a cached copy would hide.
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${store.prefix}indexes/v1/index`, Body: "v2" }));
    expect((await fs.readFile(await store.localFile("indexes/v1/index", cacheDir))).equals(good)).toBe(true);
    expect((await fs.readFile(await store.localFile("indexes/v1/index", cacheDir, { refresh: true }))).toString()).toBe(
      "v2",
    );
  });

  it("reports a missing bucket as an error of its own, not as a missing artifact", async () => {
    const { store } = openStore({ bucket: "no-such-bucket" });

    const read = store.get("indexes/latest");
    await expect(read).rejects.toThrow();
    await expect(read).rejects.not.toBeInstanceOf(ArtifactNotFoundError);
    // Nor as an empty listing.
    await expect(store.list("indexes/")).rejects.toThrow(/bucket/i);
  });
});

describe("s3:// locations", () => {
  it.each([
    ["s3://apfa-artifacts", { bucket: "apfa-artifacts", prefix: "" }],
    ["s3://apfa-artifacts/", { bucket: "apfa-artifacts", prefix: "" }],
    ["s3://apfa.artifacts/prod", { bucket: "apfa.artifacts", prefix: "prod/" }],
    ["s3://apfa-artifacts/prod/eu/", { bucket: "apfa-artifacts", prefix: "prod/eu/" }],
  ])("parses %s", (location, expected) => {
    expect(parseS3Location(location)).toEqual(expected);
  });

  it("storeFor returns an S3 store for s3:// and a local store otherwise", () => {
    expect(storeFor("s3://apfa-artifacts/prod")).toBeInstanceOf(S3ArtifactStore);
    expect(storeFor("s3://apfa-artifacts/prod").uri).toBe("s3://apfa-artifacts/prod");
    expect(storeFor("file:///srv/apfa/artifacts")).toBeInstanceOf(LocalArtifactStore);
    expect(storeFor(".data/artifacts")).toBeInstanceOf(LocalArtifactStore);
  });

  it.each(["s3://", "s3://AB", "s3://Apfa_Artifacts/x", "s3://apfa-artifacts//x", "s3://apfa-artifacts/a/../b"])(
    "refuses %s, naming ARTIFACT_STORE",
    (location) => {
      expect(() => storeFor(location)).toThrow(/^ARTIFACT_STORE=.* is not a usable s3:\/\/bucket\/prefix: /);
    },
  );
});
