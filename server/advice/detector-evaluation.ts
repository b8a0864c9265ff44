import { evaluateOnLabelledSet, type LabelledSetEvaluation } from "../bias";
import { AppError } from "../errors";
import { aliasedRelease, componentsOf, getRelease, PRODUCTION } from "../registry";
import { biasPolicyFor } from "../serving";

export interface DetectorEvaluation extends LabelledSetEvaluation {
  /** The release whose bias policy was measured. */
  release: string;
  /** That policy as the release pins it: `name@version`. */
  policyVersion: string;
}

/**
 * The detector a release runs (its pinned bias policy: detector, threshold, weights), measured on
 * the shipped labelled set: what the Bias page and `bias detector-eval` show beside the precision
 * reviewers measure. Production's release unless one is named.
 */
export async function detectorEvaluation(input: { release?: string } = {}): Promise<DetectorEvaluation> {
  const row = input.release !== undefined ? await getRelease(input.release) : await aliasedRelease(PRODUCTION);
  if (!row) throw new AppError("not_found", "release: nothing is in production yet; name a release");
  const policyVersion = componentsOf(row).biasPolicy;
  const policy = await biasPolicyFor(policyVersion);
  return { release: row.version, policyVersion, ...evaluateOnLabelledSet(policy) };
}
