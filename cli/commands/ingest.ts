import { ingestFile } from "@/server/ingest";
import { enqueue } from "@/server/queues";
import type { Command } from "../command";
import { UsageError } from "../command";

export const ingestCommand: Command = {
  name: "ingest",
  summary: "turn a CSV or JSONL file of loans into loan-profile documents",
  usage: [
    "npm run cli -- ingest <file.csv|file.jsonl>[.gz] [--source NAME] [--queue]",
    "",
    "  --source NAME  label stored with each document (default: the file name)",
    "  --queue        hand the file to the worker instead of ingesting here",
    "",
    "Malformed rows are reported with their line numbers and skipped; rows already stored are not duplicated.",
  ].join("\n"),
  options: { source: { type: "string" }, queue: { type: "boolean" } },
  async run({ positionals, values }) {
    const file = positionals[0];
    if (!file) throw new UsageError("a file is required");
    const source = typeof values.source === "string" ? values.source : undefined;
    if (values.queue) {
      const job = await enqueue("ingest", { file, source, requestedBy: "cli" });
      console.log(`queued ingest job ${job.id}`);
      return 0;
    }
    const report = await ingestFile(file, { source });
    for (const problem of report.problems) console.log(`line ${problem.line}: ${problem.message}`);
    console.log(
      `${report.rows} rows: ${report.inserted} stored, ${report.duplicates} already present, ${report.malformed} malformed (skipped)`,
    );
    return 0;
  },
};
