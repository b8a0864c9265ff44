import { parseArgs, type ParseArgsConfig } from "node:util";

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** A CLI command: its usage text (printed for --help) and what it does with parsed arguments. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig["options"];
  /**
   * Whether this invocation answers on its own, with no running product, database or Redis
   * (`experiments assign` computes an arm from its flags). The CLI then neither looks for the
   * product nor loads what connects to it (cli/index.ts). Unset: the command needs the product.
   */
  standalone?(args: ParsedArgs): boolean;
  run(args: ParsedArgs): Promise<number>;
}

export class UsageError extends Error {}

export function parse(command: Command, argv: string[]): ParsedArgs {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: { help: { type: "boolean", short: "h" }, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as ParsedArgs["values"] };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
