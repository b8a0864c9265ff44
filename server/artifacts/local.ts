import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ArtifactNotFoundError, type ArtifactStore } from "./types";

/** Artifacts as files under one directory; writes go to a temp file renamed into place. */
export class LocalArtifactStore implements ArtifactStore {
  readonly uri: string;

  constructor(readonly root: string) {
    this.uri = pathToFileURL(root).href;
  }

  private pathOf(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`artifact key escapes the store: ${key}`);
    return file;
  }

  uriOf(key: string): string {
    return pathToFileURL(this.pathOf(key)).href;
  }

  async put(key: string, bytes: Uint8Array | string): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.tmp-${randomUUID()}`;
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, file);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ArtifactNotFoundError(this.uriOf(key));
      throw error;
    }
  }

  async dropLocalFile(): Promise<void> {
    // The file is the artifact, not a copy: nothing to drop.
  }

  async localFile(key: string): Promise<string> {
    const file = this.pathOf(key);
    if (!(await this.exists(key))) throw new ArtifactNotFoundError(this.uriOf(key));
    return file;
  }

  async exists(key: string): Promise<boolean> {
    // Only "not found" means absent: a store that cannot be read is an error, not an empty store.
    return fs.stat(this.pathOf(key)).then(
      (stat) => stat.isFile(),
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string) => {
      // Not there (no artifact written yet, or removed while we walk) is empty; anything else (a file
      // where the store's folder should be, no permission) is a broken store and must not read as empty.
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw error;
      });
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (!entry.name.includes(".tmp-")) keys.push(path.relative(this.root, full).split(path.sep).join("/"));
      }
    };
    await walk(this.root);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of await this.list(prefix)) await fs.rm(this.pathOf(key), { force: true });
  }
}
