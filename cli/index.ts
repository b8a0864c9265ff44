import { ZodError } from "zod";
import { AppError, describeZodError } from "@/server/errors";
import { parse, UsageError, type Command } from "./command";

// A command's output (often --json for scripts) is its stdout; the domain's info lines (a job
// queued, an audit started) would corrupt it. Warnings and errors still go to stderr; LOG_LEVEL=info
// shows the rest.
process.env.LOG_LEVEL ??= "warn";

/**
 * Each command's module is loaded only when that command runs (or for the help listing). Most
 * bring in the database and with it server/env, which validates the whole environment when first
 * imported; loading only the command asked for lets a standalone one (`experiments assign`) run
 * in a shell with no product settings at all. server/errors and zod are plain code.
 */
const commands = new Map<string, () => Promise<Command>>([
  ["setup", async () => (await import("./commands/db")).setupCommand],
  ["db", async () => (await import("./commands/db")).dbCommand],
  ["seed", async () => (await import("./commands/db")).seedCommand],
  ["ingest", async () => (await import("./commands/ingest")).ingestCommand],
  ["index", async () => (await import("./commands/index-versions")).indexCommand],
  ["partner-key", async () => (await import("./commands/partner-key")).partnerKeyCommand],
  ["registry", async () => (await import("./commands/registry")).registryCommand],
  ["release", async () => (await import("./commands/release")).releaseCommand],
  ["experiments", async () => (await import("./commands/experiments")).experimentsCommand],
  ["fairness", async () => (await import("./commands/fairness")).fairnessCommand],
  ["fairness-report", async () => (await import("./commands/fairness-report")).fairnessReportCommand],
  ["review", async () => (await import("./commands/review")).reviewCommand],
  ["bias", async () => (await import("./commands/bias")).biasCommand],
]);

async function help(): Promise<string> {
  const loaded = await Promise.all([...commands.values()].map((load) => load()));
  const width = Math.max(...loaded.map((c) => c.name.length));
  return [
    "usage: npm run cli -- <command> [options]   (--help on any command for details)",
    "",
    ...loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

/**
 * server/env's EnvError (a bad variable, raised when a command's module first imports it), known by
 * its name: importing the class would import server/env, and so validate the environment, here.
 */
const isEnvError = (error: unknown): error is Error => error instanceof Error && error.name === "EnvError";

async function run(command: Command, argv: string[]): Promise<number> {
  const args = parse(command, argv);
  if (args.values.help) {
    console.log(command.usage);
    return 0;
  }
  if (command.standalone?.(args)) return command.run(args);
  const { runWithProduct } = await import("./with-product");
  return runWithProduct(command, args);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  let command: Command | undefined;
  try {
    if (!name || name === "--help" || name === "-h" || name === "help") {
      console.log(await help());
      return name ? 0 : 1;
    }
    const load = commands.get(name);
    if (!load) {
      console.error(`unknown command: ${name}\n\n${await help()}`);
      return 2;
    }
    command = await load();
    return await run(command, rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\nusage:\n${command?.usage ?? ""}`);
      return 2;
    }
    if (isEnvError(error)) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof AppError || error instanceof ZodError) {
      const message = error instanceof ZodError ? describeZodError(error).messages.join("; ") : error.message;
      console.error(`error: ${message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
