import { Badge } from "@/components/ui/badge";
import { metricLabel } from "./format";
import type { GuardrailReport } from "./types";

/** Each guardrail, per treatment arm: holds or breached, with the rates and the one-sided test. */
export function GuardrailsList({
  guardrails,
  release,
}: {
  guardrails: GuardrailReport[];
  release: (arm: number) => string;
}) {
  if (guardrails.length === 0)
    return <p className="text-sm text-muted-foreground">This experiment has no guardrails.</p>;
  return (
    <ul className="flex flex-col gap-1 text-sm" aria-label="Guardrails" data-testid="guardrails">
      {guardrails.flatMap((guardrail) =>
        guardrail.arms.map((arm) => (
          <li
            key={`${guardrail.name}-${arm.arm}`}
            className="grid grid-cols-[6rem_minmax(0,1fr)] items-baseline gap-2"
            data-testid={`guardrail-${guardrail.name}-${arm.arm}`}
            data-breached={arm.breached}
          >
            <Badge tone={arm.breached ? "bad" : "good"} className="justify-self-start">
              {arm.breached ? "breached" : "holds"}
            </Badge>
            <span className="min-w-0 break-words">
              <span className="font-medium">
                {metricLabel(guardrail.name)}, arm {arm.arm} ({release(arm.arm)})
              </span>{" "}
              <span className="text-muted-foreground">{arm.reason}</span>
            </span>
          </li>
        )),
      )}
    </ul>
  );
}
