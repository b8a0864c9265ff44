/**
 * A web instance's release and index following without Next.js, for bench/promotion-to-served.ts:
 * the same sync code (`startReleaseSync`, `startIndexSync`) on the environment the parent gives.
 * Prints "ready" once production is loaded; stops on SIGTERM.
 */
import { startIndexSync } from "../../server/index-store";
import { closeServing, loadProduction, startReleaseSync } from "../../server/serving";

await loadProduction();
const stops = [startIndexSync(), startReleaseSync()];
console.log("ready");
process.once("SIGTERM", () => {
  void Promise.all(stops.map((stop) => stop()))
    .then(closeServing)
    .finally(() => process.exit(0));
});
