import { formatDate } from "@/components/console/format";
import { shortVersion } from "./format";
import type { IndexVersion } from "./types";
import { VersionCode } from "./version-code";

/**
 * Each time a version was made active, newest first: who, when, and the reason they were asked
 * for, which otherwise only the audit log would show.
 */
export function VersionHistory({ version, history }: { version: string; history: IndexVersion["history"] }) {
  return (
    <ul
      aria-label={`History of ${shortVersion(version)}`}
      data-testid={`history-${version}`}
      className="flex flex-col gap-1 text-xs text-muted-foreground"
    >
      {history.map((event) => (
        <li key={`${event.action}:${new Date(event.at).toISOString()}`}>
          {event.action === "promote" ? "Promoted" : "Rolled back to this version"} on {formatDate(event.at)} by{" "}
          {event.actor}
          {event.replaced ? (
            <>
              , replacing <VersionCode version={event.replaced} />
            </>
          ) : null}
          {event.reason ? (
            <>
              : <q className="text-foreground">{event.reason}</q>
            </>
          ) : (
            " (no reason given)"
          )}
        </li>
      ))}
    </ul>
  );
}
