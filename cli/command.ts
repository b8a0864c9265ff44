import { parseArgs, type ParseArgsConfig } from "node:util";

/** A CLI command: its usage text (printed for --help) and what it does with parsed arguments. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig["options"];
  run(args: {
    positionals: string[];
    values: Record<string, string | boolean | string[] | undefined>;
  }): Promise<number>;
}

export class UsageError extends Error {}

export function parse(command: Command, argv: string[]) {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" }, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as Record<string, string | boolean | string[] | undefined> };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
