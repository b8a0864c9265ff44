import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "@/test/cli";
import { indexWith } from "@/test/index-fixture";
import { moveProduction, registerPrompt, testRelease } from "@/test/releases";
import { runAdvice } from "@/server/advice";
import { getExperiment } from "@/server/experiments";
import { ensureFairnessAudit } from "@/server/fairness-audits";
import { requestShadowReplayNow } from "@/server/releases";
import { aliasedRelease, PRODUCTION } from "@/server/registry";
import { refreshExperiments } from "@/server/serving";

/** The experiments commands as an ML engineer types them (test/cli.ts: a separate process). */

const key = `cli-exp-${randomInt(1_000, 1_000_000_000)}`;
let control = "";
let treatment = "";

beforeAll(async () => {
  await indexWith();
  control = (await aliasedRelease(PRODUCTION))!.version;
  treatment = await testRelease({ prompt: await registerPrompt("Reply in at most {maxTokens} tokens.") });
});

afterAll(async () => {
  if ((await aliasedRelease(PRODUCTION))!.version !== control) await moveProduction(control);
});

describe("experiments commands", () => {
  it("create, start, serve both arms, read results, ship the winner through the gates", async () => {
    const bad = await cli(
      "experiments",
      "create",
      "--key",
      key,
      "--variants",
      `${control},${treatment}`,
      "--weights",
      "0.7,0.7",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("weights: must add up to 1 (±0.01)");

    const created = await cli("experiments", "create", "--key", key, "--variants", `${control},${treatment}`);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    expect((await cli("experiments", "start", key, "--reason", "shorter prompt on live traffic")).stdout).toBe(
      `experiment ${key}: running\n`,
    );
    await refreshExperiments();
    for (let i = 0; i < 30; i++)
      await runAdvice({ question: "Should I borrow $4,000?", channel: "api", externalUserId: `cli-user-${i}` });

    const results = JSON.parse((await cli("experiments", "results", key, "--json")).stdout) as {
      arms: { variant: number; users: number; requests: number }[];
      analysis: { srm: { status: string } };
    };
    expect(results.arms.map((a) => a.variant)).toEqual([0, 1]);
    expect(results.arms.every((a) => a.users > 0 && a.requests === a.users)).toBe(true);
    expect(results.arms.reduce((sum, a) => sum + a.users, 0)).toBe(30);

    // A new split, through the ledger; a bad one names what is wrong and changes nothing.
    const badSplit = await cli("experiments", "set-weights", key, "--weights", "0.2,0.3,0.5", "--reason", "ramp up");
    expect(badSplit.code).toBe(1);
    expect(badSplit.stderr).toContain("weights: has 3 weights for 2 variants");
    const noReason = await cli("experiments", "set-weights", key, "--weights", "0.2,0.8");
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("experiments set-weights needs <key> --weights a,b[,…] --reason TEXT");
    expect((await getExperiment(key)).weights).toEqual([0.5, 0.5]);
    const split = await cli("experiments", "set-weights", key, "--weights", "0.2,0.8", "--reason", "ramp up");
    expect(split).toMatchObject({ code: 0, stderr: "" });
    expect(split.stdout).toBe(`experiment ${key}: weights 0.2/0.8 (users already exposed keep their arm)\n`);
    expect((await getExperiment(key)).weights).toEqual([0.2, 0.8]);

    // The treatment has had no shadow replay: shipping it is refused at the gates, naming them.
    const refused = await cli("experiments", "ship", key, "--variant", "1", "--reason", "better answers");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`release ${treatment} cannot be promoted: gate shadow-replay pending`);
    await requestShadowReplayNow(treatment, "mia.ml@test");
    await ensureFairnessAudit(treatment, "mia.ml@test");
    const shipped = await cli("experiments", "ship", key, "--variant", "1", "--reason", "better answers");
    expect(shipped).toMatchObject({ code: 0 });
    expect(shipped.stdout).toContain(`production: ${treatment} (was ${control}); experiment ${key} stopped`);
    expect(await getExperiment(key)).toMatchObject({ status: "stopped", shippedVariant: 1 });
  }, 300_000);
});
