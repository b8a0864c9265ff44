import { z } from "zod";
import { getRelease, listReleaseAliases } from "../../../registry";
import { listReleaseViews, releaseView, type ReleaseView } from "../../../releases";
import { router } from "../../trpc";
import { iso, readProcedure } from "./read-procedure";
import { releaseSchema } from "./schemas";

/** Releases as the console's Releases page reads them (listReleaseViews), in the partner contract's shape. */
const releaseOut = (view: ReleaseView): z.input<typeof releaseSchema> => ({
  version: view.version,
  aliases: view.aliases,
  components: view.components,
  changelog: view.changelog,
  createdAt: view.createdAt.toISOString(),
  archived: view.archived,
  gates: view.gates.map(({ name, status, blocking, reason }) => ({ name, status, blocking, reason })),
  shadowReplay: view.shadow && {
    status: view.shadow.status,
    questions: view.shadow.questions,
    finishedAt: iso(view.shadow.finishedAt),
  },
});

const version = z.string().trim().min(1, "version is required");

export const v1ReleasesRouter = router({
  list: readProcedure("/releases", "releases", "Every release, highest version first")
    .input(z.object({}))
    .output(z.object({ releases: z.array(releaseSchema) }))
    .query(async () => ({ releases: (await listReleaseViews()).map(releaseOut) })),

  get: readProcedure("/releases/{version}", "releases", "One release: its components, aliases and gates")
    .input(z.object({ version }))
    .output(releaseSchema)
    .query(async ({ input }) => {
      const [row, aliases] = await Promise.all([getRelease(input.version), listReleaseAliases()]);
      const view = await releaseView(
        row,
        aliases.filter((alias) => alias.release === row.version).map((alias) => alias.alias),
      );
      return releaseOut(view);
    }),
});
