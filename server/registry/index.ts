/**
 * The registry domain's face: models (embedder, analyzer, prompt, bias-policy) with immutable
 * semver versions and aliases; releases that bundle one version of each with an index version;
 * release aliases moved by compare-and-set and written to the ledger; what was on an alias at any
 * past time; approvals and shadow-replay results stored with a release.
 */
export { compareSemver, isSemver, nextPatch, parseSemver, semverProblem } from "./semver";
export {
  MODEL_KINDS,
  PROVIDERS_OF,
  biasPolicySchema,
  providerSchema,
  versionMetadataSchema,
  type ArtifactRef,
  type BiasPolicyDocument,
  type ModelKind,
  type Provider,
  type VersionMetadata,
} from "./metadata";
export { registerVersionInput, toRegisterInput, type RegisterVersionInput } from "./console-input";
export { artifactProblem, localArtifact, readArtifact } from "./artifact";
export { checkOpenAiAnswers } from "./openai-probe";
export {
  archiveVersion,
  getModelVersion,
  listAllVersions,
  listModelAliases,
  listModels,
  listVersionsOf,
  registerVersion,
  setModelAlias,
  type RegisterInput,
  type RegistryAlias,
  type RegistryVersion,
} from "./models";
export {
  aliasedRelease,
  aliasTimeline,
  componentsOf,
  compositionOf,
  createRelease,
  findRelease,
  getRelease,
  listReleaseAliases,
  listReleases,
  moveReleaseAlias,
  PRODUCTION,
  releaseAt,
  releaseParts,
  type AliasMove,
  type AliasMoveEntry,
  type CreateReleaseInput,
  type ReleaseComponents,
  type ReleaseRow,
} from "./releases";
export type { ShadowReplaySummary } from "./shadow-types";
export { releaseApprovals, shadowReplays, type ShadowStatus } from "./tables";
export {
  releaseAckChannel,
  releaseAckSchema,
  releaseChannel,
  releaseFleetKey,
  releaseMovedSchema,
  type ReleaseAck,
  type ReleaseMoved,
} from "./events";
