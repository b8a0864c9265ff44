import {
  componentsOf,
  listReleaseAliases,
  listReleases,
  releaseParts,
  type ReleaseComponents,
  type ReleaseRow,
  type ShadowReplaySummary,
} from "../registry";
import { approvalsOf, type Approval } from "./approvals";
import type { GateResult } from "./gate-rules";
import { evaluateGates, latestShadowReplay } from "./gates";

/** The newest shadow replay of a release's current composition, as the promote dialog shows it. */
export interface ShadowReplayView {
  id: number;
  status: string;
  questions: number | null;
  summary: ShadowReplaySummary | null;
  error: string | null;
  requestedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A release as the console and `release list --json` show it. */
export interface ReleaseView {
  version: string;
  aliases: string[];
  components: ReleaseComponents;
  changelog: string;
  createdBy: string;
  createdAt: Date;
  archived: boolean;
  gates: GateResult[];
  shadow: ShadowReplayView | null;
  approvals: Approval[];
}

export async function releaseView(release: ReleaseRow, aliases: string[]): Promise<ReleaseView> {
  const parts = await releaseParts(release);
  const [gates, replay, approvals] = await Promise.all([
    evaluateGates(release.version),
    latestShadowReplay(release, parts),
    approvalsOf(release.version),
  ]);
  return {
    version: release.version,
    aliases,
    components: componentsOf(release),
    changelog: release.changelog,
    createdBy: release.createdBy,
    createdAt: release.createdAt,
    archived: release.archivedAt !== null,
    gates,
    shadow: replay && {
      id: replay.id,
      status: replay.status,
      questions: replay.questions,
      summary: replay.summary,
      error: replay.error,
      requestedBy: replay.requestedBy,
      createdAt: replay.createdAt,
      finishedAt: replay.finishedAt,
    },
    approvals,
  };
}

/** Every release, highest version first, with its aliases, gates, latest replay and approvals. */
export async function listReleaseViews(): Promise<ReleaseView[]> {
  const [rows, aliases] = await Promise.all([listReleases(), listReleaseAliases()]);
  return Promise.all(
    rows.map((row) =>
      releaseView(
        row,
        aliases.filter((a) => a.release === row.version).map((a) => a.alias),
      ),
    ),
  );
}
