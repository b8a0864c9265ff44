import { closeDb } from "@/server/db";
import { closeQueues } from "@/server/queues";
import { closeRedis } from "@/server/redis";
import type { Command, ParsedArgs } from "./command";
import { NoRunningProduct, joinRunningProduct } from "./local-product";

/**
 * Runs a command that needs the product: finds the running product before the first connection
 * (why then: cli/local-product.ts) and closes every connection after. cli/index.ts loads this
 * module only for such commands, so a standalone one never loads the database, Redis or
 * server/env (which validates the environment when first imported).
 */
export async function runWithProduct(command: Command, args: ParsedArgs): Promise<number> {
  try {
    joinRunningProduct();
    return await command.run(args);
  } catch (error) {
    if (error instanceof NoRunningProduct) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await Promise.allSettled([closeQueues(), closeRedis(), closeDb()]);
  }
}
