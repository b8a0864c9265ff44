import { Badge } from "@/components/ui/badge";
import type { Gate } from "./types";

const TONE: Record<Gate["status"], "good" | "bad" | "warn" | "neutral"> = {
  passed: "good",
  failed: "bad",
  pending: "warn",
  "not-applicable": "neutral",
};

const NAMES: Record<Gate["name"], string> = {
  "index-validated": "Index validated",
  "index-matches-embedder": "Index matches embedder",
  "artifacts-verified": "Artifacts verified (sha256)",
  "analyzer-answers": "Analyzer answers",
  "shadow-replay": "Shadow replay",
  "fairness-audit": "Fairness audit",
};

/** Each gate with its result and the reason for it; a blocking one says so. */
export function GatesList({ gates, label }: { gates: Gate[]; label: string }) {
  return (
    <ul className="flex flex-col gap-1 text-sm" aria-label={label} data-testid="gates">
      {gates.map((gate) => (
        <li
          key={gate.name}
          className="grid grid-cols-[7rem_minmax(0,1fr)] items-baseline gap-2"
          data-testid={`gate-${gate.name}`}
          data-status={gate.status}
        >
          <Badge tone={TONE[gate.status]} className="justify-self-start">
            {gate.status}
          </Badge>
          <span className="min-w-0 break-words">
            <span className="font-medium">{NAMES[gate.name] ?? gate.name}</span>{" "}
            <span className="text-muted-foreground">
              {gate.reason}
              {gate.blocking ? " — blocks promotion" : ""}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One line for a table cell: how many gates passed, and whether any blocks. */
export function GatesSummary({ gates }: { gates: Gate[] }) {
  const blocking = gates.filter((gate) => gate.blocking);
  const passed = gates.filter((gate) => gate.status === "passed").length;
  return (
    <span className="flex flex-col gap-1 text-xs" data-testid="gates-summary">
      <span>
        {passed} of {gates.filter((gate) => gate.status !== "not-applicable").length} passed
      </span>
      {blocking.length ? (
        <Badge tone={blocking.some((gate) => gate.status === "failed") ? "bad" : "warn"}>
          {blocking.length} blocking
        </Badge>
      ) : (
        <Badge tone="good">ready</Badge>
      )}
    </span>
  );
}
