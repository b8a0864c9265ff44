import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectConsoleError } from "@/test/console";
import { tempDir } from "@/test/files";
import { rejection } from "@/test/rejection";
import { writeTinyBert } from "@/test/models/tiny-bert";
import { createEmbedder, MINILM_DIR, resolveEmbedder } from ".";

describe("createEmbedder", () => {
  it("hash: the hashing embedder, whatever is in the model folder", async () => {
    const embedder = await createEmbedder("hash", writeTinyBert(tempDir()));
    expect(embedder.version).toBe("hash-v2-384");
  });

  it("auto: MiniLM when its weights are in the folder, else the hashing embedder", async () => {
    expect((await createEmbedder("auto", path.join(tempDir(), "all-MiniLM-L6-v2"))).version).toBe("hash-v2-384");
    const minilm = await createEmbedder("auto", writeTinyBert(tempDir()));
    expect(minilm.version).toMatch(/^minilm-l6-v2@[0-9a-f]{12}$/);
    expect(minilm.dimensions).toBe(32);
  });

  it("auto: a model folder that cannot be read is logged, then hashing is used", async () => {
    // A file where MODELS_DIR should be: stat fails with ENOTDIR, which root cannot bypass (mode 000 it can).
    const modelsDir = path.join(tempDir(), "models");
    fs.writeFileSync(modelsDir, "not a folder");
    const { result, messages } = await expectConsoleError(/MiniLM model folder cannot be read/, () =>
      createEmbedder("auto", path.join(modelsDir, "all-MiniLM-L6-v2")),
    );
    expect(result.version).toBe("hash-v2-384");
    expect(messages.join("\n")).toContain("ENOTDIR");
  });

  it("auto: weights that are present but broken are an error, not a silent switch to hashing", async () => {
    const dir = writeTinyBert(tempDir());
    fs.writeFileSync(path.join(dir, "onnx", "model.onnx"), "truncated");
    await expect(createEmbedder("auto", dir)).rejects.toThrow(`MiniLM model folder ${dir}: could not be loaded`);
  });

  it("minilm: without weights, says where to put which files", async () => {
    const dir = path.join(tempDir(), "all-MiniLM-L6-v2");
    const error = await rejection(createEmbedder("minilm", dir));
    expect(error.message).toContain(`APFA_EMBEDDER=minilm, but there is no MiniLM model in ${dir}`);
    expect(error.message).toContain("sentence-transformers/all-MiniLM-L6-v2");
    expect(error.message).toContain("onnx/model.onnx");
    expect(error.message).toContain("APFA_EMBEDDER=hash");
  });
});

describe("resolveEmbedder", () => {
  it("loads the configured embedder once per process", async () => {
    const first = resolveEmbedder();
    expect(resolveEmbedder()).toBe(first);
    const embedder = await first;
    expect(await resolveEmbedder()).toBe(embedder);
    const hasWeights = fs.existsSync(path.join(MINILM_DIR, "onnx", "model.onnx"));
    expect(embedder.version).toMatch(hasWeights ? /^minilm-l6-v2@.*\+neutral-v1$/ : /^hash-v2-384\+neutral-v1$/);
  });

  it("embeds only neutral text: a place or a protected descriptor changes no vector", async () => {
    const embedder = await resolveEmbedder();
    const [plain, placed, described] = await embedder.embed([
      "renter earning $48,000, $15,000 over 36 months",
      "renter in Texas earning $48,000, $15,000 over 36 months, ZIP code 75001",
      "Black single mother, renter earning $48,000, $15,000 over 36 months",
    ]);
    expect(placed).toEqual(plain);
    expect(described).toEqual(plain);
  });
});
