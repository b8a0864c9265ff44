import type { Job } from "bullmq";
import type { Payload } from "@/server/queues";
import { runShadowReplay } from "@/server/releases";
import { parsePayload, unlessPermanent } from "./payload";

/** Replays recent production questions through a candidate release and stores the comparison. */
export async function processShadowReplay(job: Job<Payload<"shadow-replay">>) {
  const payload = parsePayload("shadow-replay", job);
  const row = await unlessPermanent(() => runShadowReplay(payload.replayId));
  await job.updateProgress(100);
  const summary = row.summary;
  await job.log(
    summary
      ? `${summary.questions} questions: mean top-5 overlap ${summary.meanTop5Overlap.toFixed(3)}, ` +
          `${summary.biasFlagsGained} bias flags gained, ${summary.biasFlagsLost} lost — ${row.status}`
      : `replay ${row.status}`,
  );
  return { replayId: row.id, release: row.release, status: row.status };
}
