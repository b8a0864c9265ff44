/**
 * The embed job's embedding step: the hash embedder on one thread (reference) against the same
 * embedder spread over a worker thread per core (`withThreads`, what the job uses), in batches of
 * 1,000 as the job embeds them. The corpus is repeated to reach `--copies` × 39,786 texts.
 *
 *   node --import tsx bench/embed.ts [--copies 5]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { createHashEmbedder } from "../server/embedding";
import { withThreads } from "../server/embedding/pipeline";
import { corpusTexts } from "./lib/corpus";
import { ms, table } from "./lib/stats";

const { values } = parseArgs({ options: { copies: { type: "string", default: "5" } } });
const corpus = await corpusTexts();
const texts = Array.from({ length: Number(values.copies) }, () => corpus).flat();
const BATCH = 1000;

async function embedAll(embed: (batch: string[]) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < texts.length; i += BATCH) await embed(texts.slice(i, i + BATCH));
  return performance.now() - started;
}

const hash = createHashEmbedder();
const oneThread = await embedAll((batch) => hash.embed(batch));
const threaded = withThreads(hash);
const everyCore = await embedAll((batch) => threaded.embed(batch)); // includes starting the threads
await threaded.close();

console.log(`\nEmbedding ${texts.length.toLocaleString("en-US")} profile texts, ${os.availableParallelism()} cores\n`);
console.log(
  table(
    ["embedder", "ours: every core (ms)", "reference: one thread (ms)", "texts/s ours", "speed-up"],
    [
      [
        hash.version,
        ms(everyCore, 0),
        ms(oneThread, 0),
        Math.round(texts.length / (everyCore / 1000)),
        (oneThread / everyCore).toFixed(2),
      ],
    ],
  ),
);
