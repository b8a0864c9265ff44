import { Alert } from "../ui/alert";
import type { Bias } from "./types";

/** Shown when the bias check flagged the advice: the advice stays visible, with why it was flagged. */
export function BiasNotice({ bias }: { bias: Bias }) {
  if (!bias.flagged) return null;
  return (
    <Alert tone="error" data-testid="bias-notice">
      <p className="font-medium">
        This advice was flagged by our fairness check (score {bias.score.toFixed(2)}). Treat it with care: decisions
        must not depend on protected characteristics or where you live.
      </p>
      <ul className="mt-1 list-disc pl-5">
        {bias.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </Alert>
  );
}
