import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./files";
import { errorLinesSince, markLog, sortErrorLines } from "./product-logs";

describe("product log scanning", () => {
  it("finds the error lines written after the mark: the logger's error lines and Next.js's ⨯ lines", () => {
    const file = path.join(tempDir(), "web.log");
    fs.writeFileSync(file, '{"level":"error","scope":"apfa:http","msg":"before the mark"}\n');
    const mark = markLog(file);
    fs.appendFileSync(
      file,
      [
        '{"level":"info","time":"2026-01-01T00:00:01.000Z","scope":"apfa:http","msg":"fine"}',
        '{"level":"warn","time":"2026-01-01T00:00:02.000Z","scope":"apfa:session","msg":"sign-in failed"}',
        // A warning whose context happens to hold an object with a level is still a warning.
        '{"level":"warn","time":"2026-01-01T00:00:02.500Z","scope":"apfa:x","detail":{"level":"error"},"msg":"w"}',
        '{"level":"error","time":"2026-01-01T00:00:03.000Z","scope":"apfa:http","route":"POST /api/chat","msg":"route failed"}',
        " ⨯ Error: the action threw",
        "    at stack frame mentioning ERROR somewhere",
        "\x1b[31m⨯\x1b[39m [Error: coloured, as Next.js writes it] { digest: '1' }",
        '{"level":"error","time":"2026-01-01T00:00:04.000Z","scope":"apfa:worker","msg":"half a line still being writ',
      ].join("\n"),
    );

    const { lines, next } = errorLinesSince(mark);
    expect(lines).toEqual([
      '{"level":"error","time":"2026-01-01T00:00:03.000Z","scope":"apfa:http","route":"POST /api/chat","msg":"route failed"}',
      " ⨯ Error: the action threw",
      "⨯ [Error: coloured, as Next.js writes it] { digest: '1' }",
    ]);
    // The unfinished line is read, whole, by the next check.
    fs.appendFileSync(file, 'ten"}\n');
    expect(errorLinesSince(next).lines).toEqual([
      '{"level":"error","time":"2026-01-01T00:00:04.000Z","scope":"apfa:worker","msg":"half a line still being written"}',
    ]);
  });

  it("recognises the lines the product's logger writes", async () => {
    const file = path.join(tempDir(), "worker.log");
    const { logger } = await import("@/server/logger");
    const written: string[] = [];
    const original = { error: console.error, warn: console.warn };
    console.error = (line: string) => void written.push(line);
    console.warn = (line: string) => void written.push(line);
    try {
      logger.child("scan").warn("a warning", { detail: { level: "error" } });
      logger.child("scan").error("an error", { route: "POST /api/chat" });
    } finally {
      Object.assign(console, original);
    }
    fs.writeFileSync(file, written.map((line) => `${line}\n`).join(""));
    const { lines } = errorLinesSince({ file, offset: 0 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", scope: "apfa:scan", msg: "an error" });
  });

  it("a log that does not exist yet has no errors", () => {
    expect(errorLinesSince(markLog(path.join(tempDir(), "none.log"))).lines).toEqual([]);
  });

  it("separates declared errors from unexpected ones, and reports a declared error never logged", () => {
    const declared = /route failed/;
    const neverLogged = /index swap failed/;
    expect(sortErrorLines(["x ERROR route failed", "x ERROR something else"], [declared, neverLogged])).toEqual({
      unexpected: ["x ERROR something else"],
      unseen: [neverLogged],
    });
  });
});
