import os from "node:os";
import type { Actor } from "@/server/releases";

/**
 * Who the CLI acts as: the operator at the machine, who holds the database and so is an admin.
 * Named `cli:<os user>` in the ledger, so a promotion from a shell is told apart from the console's.
 */
export const cliActor = (): Actor => ({ email: `cli:${os.userInfo().username}`, role: "admin" });
