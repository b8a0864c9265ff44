import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./files";
import { errorLinesSince, markLog, sortErrorLines } from "./product-logs";

describe("product log scanning", () => {
  it("finds the error lines written after the mark: the logger's ERROR lines and Next.js's ⨯ lines", () => {
    const file = path.join(tempDir(), "web.log");
    fs.writeFileSync(file, "2026-01-01T00:00:00.000Z ERROR [apfa:http] before the mark\n");
    const mark = markLog(file);
    fs.appendFileSync(
      file,
      [
        "2026-01-01T00:00:01.000Z INFO  [apfa:http] fine",
        "2026-01-01T00:00:02.000Z WARN  [apfa:session] sign-in failed {}",
        '2026-01-01T00:00:03.000Z ERROR [apfa:http] route failed {"route":"POST /api/chat"}',
        " ⨯ Error: the action threw",
        "    at stack frame mentioning ERROR somewhere",
        "\x1b[31m⨯\x1b[39m [Error: coloured, as Next.js writes it] { digest: '1' }",
        "2026-01-01T00:00:04.000Z ERROR [apfa:worker] half a line still being writ",
      ].join("\n"),
    );

    const { lines, next } = errorLinesSince(mark);
    expect(lines).toEqual([
      '2026-01-01T00:00:03.000Z ERROR [apfa:http] route failed {"route":"POST /api/chat"}',
      " ⨯ Error: the action threw",
      "⨯ [Error: coloured, as Next.js writes it] { digest: '1' }",
    ]);
    // The unfinished line is read, whole, by the next check.
    fs.appendFileSync(file, "ten\n");
    expect(errorLinesSince(next).lines).toEqual([
      "2026-01-01T00:00:04.000Z ERROR [apfa:worker] half a line still being written",
    ]);
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
