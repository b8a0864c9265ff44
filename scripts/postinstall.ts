/** `npm install`'s postinstall: applies patches/ to the installed dependencies (scripts/dependency-patches.ts). */
import { applyAllPatches } from "./dependency-patches";

try {
  for (const outcome of applyAllPatches(process.cwd())) {
    const where = outcome.packageDir.slice(process.cwd().length + 1);
    if (outcome.result === "other version") {
      // Not fatal: an upgrade may already carry the change. Say so, so the patch is rebased or dropped.
      console.warn(
        `${outcome.patch}: not applied to ${where} (installed ${outcome.installedVersion}); rebase or drop it`,
      );
    } else {
      console.log(`${outcome.patch}: ${outcome.result} to ${where}`);
    }
  }
} catch (error) {
  // The patches only make each graph run a little cheaper (docs/patches.md): an install without
  // them still works, so it goes on and says what was skipped.
  console.warn(`dependency patches not applied: ${(error as Error).message}`);
}
