import { formatDate } from "@/components/console/format";
import { Alert } from "@/components/ui/alert";
import type { StopEntry } from "./types";

/** How a stopped experiment stopped, from the ledger: its guardrail, a ship, or a person. */
export function StopBanner({ stop }: { stop: StopEntry }) {
  if (stop.byGuardrail) {
    return (
      <Alert tone="error" data-testid="stop-banner" data-stopped-by="guardrail">
        <strong>Stopped by its guardrail</strong> ({formatDate(stop.at)}
        {stop.breachedArms.length ? `, arm ${stop.breachedArms.join(", ")}` : ""}): {stop.reason}. Its users are back on
        production.
      </Alert>
    );
  }
  return (
    <Alert tone={stop.shipped === null ? "info" : "success"} data-testid="stop-banner" data-stopped-by="person">
      {stop.shipped === null ? "Stopped" : `Shipped arm ${stop.shipped} and stopped`} by {stop.actor} on{" "}
      {formatDate(stop.at)}: {stop.reason}
    </Alert>
  );
}
