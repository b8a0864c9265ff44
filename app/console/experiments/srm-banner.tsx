import { Alert } from "@/components/ui/alert";
import type { Analysis } from "./types";

/**
 * The sample-ratio check as a banner: a warning (p < 0.01) or an alert (p < 0.001) says the split
 * of users differs from the weights, so assignment or exposure logging is suspect and the other
 * figures should not be trusted yet. A consistent split is one quiet line.
 */
export function SrmBanner({ srm }: { srm: Analysis["srm"] }) {
  if (srm.status === "ok" || srm.status === "not-enough-data") {
    return (
      <p className="text-sm text-muted-foreground" data-testid="srm" data-status={srm.status}>
        Sample ratio: {srm.reason}.
      </p>
    );
  }
  return (
    <Alert tone="error" data-testid="srm" data-status={srm.status}>
      <strong>{srm.status === "alert" ? "Sample ratio mismatch (alert)" : "Sample ratio mismatch (warning)"}:</strong>{" "}
      {srm.reason}
    </Alert>
  );
}
