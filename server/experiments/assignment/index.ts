/**
 * Which arm of an experiment a user gets, exactly as GrowthBook's SDKs decide it (so a bank that
 * already runs GrowthBook sees each user in the same arm). Pure computation: nothing here reads
 * the environment or touches the database, so the CLI's `experiments assign` runs without the
 * product, and the serving path pays no I/O for it.
 */
export { assignVariant, type Assignment, type AssignmentSettings } from "./assign-variant";
export {
  chooseVariation,
  clampCoverage,
  effectiveWeights,
  getBucketRanges,
  getEqualWeights,
  type VariationRange,
} from "./bucket-ranges";
export { fnv1a32 } from "./fnv";
export { hash } from "./hash";
export { inNamespace, type Namespace } from "./namespace";
