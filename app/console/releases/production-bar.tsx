import { Button } from "@/components/ui/button";
import type { PolicyView } from "./types";

/** What serves borrowers now, who may move it, and the way back. */
export function ProductionBar({
  production,
  policy,
  canRollBack,
  onRollback,
}: {
  production: string | null;
  policy: PolicyView | undefined;
  canRollBack: boolean;
  onRollback: () => void;
}) {
  const mayRollBack = policy?.you.rollback ?? false;
  const why = !mayRollBack
    ? "Rolling production back is for admins"
    : !canRollBack
      ? "No earlier release has served production"
      : undefined;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3 text-sm">
      <div className="flex flex-col gap-1">
        <p>
          In production: <code data-testid="production-release">{production ?? "none"}</code>
        </p>
        {policy ? (
          <p className="text-xs text-muted-foreground" data-testid="your-permission">
            {policy.you.production === "allowed"
              ? "You may promote to production (through its gates)."
              : policy.you.production === "needs-approval"
                ? `You may promote to production a release someone else approved${policy.policy.fourEyes ? " (four-eyes policy)" : ""}.`
                : "You may not move production."}{" "}
            {mayRollBack ? "You may roll it back." : "Rollback is for admins."}
          </p>
        ) : null}
      </div>
      <span title={why} className="inline-flex">
        <Button variant="outline" size="sm" disabled={!mayRollBack || !canRollBack} onClick={onRollback}>
          Roll back…
        </Button>
      </span>
    </div>
  );
}
