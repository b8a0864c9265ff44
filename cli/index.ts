import { ZodError } from "zod";
import { closeDb } from "@/server/db";
import { EnvError } from "@/server/env";
import { AppError, describeZodError } from "@/server/errors";
import { closeQueues } from "@/server/queues";
import { closeRedis } from "@/server/redis";
import { parse, UsageError, type Command } from "./command";
import { dbCommand, seedCommand, setupCommand } from "./commands/db";
import { indexCommand } from "./commands/index-versions";
import { ingestCommand } from "./commands/ingest";
import { partnerKeyCommand } from "./commands/partner-key";
import { registryCommand } from "./commands/registry";
import { releaseCommand } from "./commands/release";
import { NoRunningProduct, joinRunningProduct } from "./local-product";

const commands: Command[] = [
  setupCommand,
  dbCommand,
  seedCommand,
  ingestCommand,
  indexCommand,
  partnerKeyCommand,
  registryCommand,
  releaseCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: npm run cli -- <command> [options]   (--help on any command for details)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command: ${name}\n\n${help()}`);
    return 2;
  }
  try {
    const args = parse(command, rest);
    if (args.values.help) {
      console.log(command.usage);
      return 0;
    }
    // Every command needs the database: find the running product before the first connection
    // (why here, and not before server/env is imported: cli/local-product.ts).
    joinRunningProduct();
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\nusage:\n${command.usage}`);
      return 2;
    }
    if (error instanceof NoRunningProduct || error instanceof EnvError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof AppError || error instanceof ZodError) {
      const message = error instanceof ZodError ? describeZodError(error).messages.join("; ") : error.message;
      console.error(`error: ${message}`);
      return 1;
    }
    throw error;
  } finally {
    await Promise.allSettled([closeQueues(), closeRedis(), closeDb()]);
  }
}

process.exitCode = await main(process.argv.slice(2));
