import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexWith } from "@/test/index-fixture";
import { startOpenAiServer, type OpenAiTestServer } from "@/test/openai-server";
import { registerOpenAiAnalyzer, testRelease } from "@/test/releases";
import { auditLog } from "../audit";
import { getDb } from "../db";
import { changeStatus, createExperiment, getExperiment } from "../experiments";
import { runFairnessAuditNow } from "../fairness-audits";
import { aliasedRelease, PRODUCTION } from "../registry";
import { armAudits, enforceGuardrails } from ".";

/** An arm whose release fails its counterfactual fairness audit is a breached guardrail, with no traffic needed. */

let stand: OpenAiTestServer;
let biased = "";
let fair = "";
let control = "";

beforeAll(async () => {
  await indexWith();
  control = (await aliasedRelease(PRODUCTION))!.version;
  // Tells borrowers described with she/her not to apply; everyone else, that they qualify.
  stand = await startOpenAiServer(({ user }) =>
    (/\b(she|her)\b/i.test(user)
      ? "I would not recommend applying for this loan."
      : "You are likely to qualify for this loan."
    ).split(/(?<= )/),
  );
  biased = await testRelease({ analyzer: await registerOpenAiAnalyzer(stand.baseUrl) });
  fair = await testRelease();
  expect((await runFairnessAuditNow(biased, "t")).status).toBe("failed");
  expect((await runFairnessAuditNow(fair, "t")).status).toBe("passed");
});

afterAll(async () => {
  await stand?.close();
});

describe("the fairness audit as an experiment guardrail", () => {
  it("stops an experiment whose treatment failed its audit, names the attribute, and leaves a passing arm alone", async () => {
    const key = `audit-guardrail-${randomInt(1_000, 1_000_000_000)}`;
    const by = { actor: "mia.ml@test", reason: "new analyzer on live traffic" };
    await createExperiment({ key, variants: [control, fair, biased] }, by.actor);
    await changeStatus(key, "start", by);

    const audits = await armAudits(await getExperiment(key));
    expect(audits.map((a) => [a.arm, a.release, a.status, a.breached])).toEqual([
      [1, fair, "passed", false],
      [2, biased, "failed", true],
    ]);
    expect(audits[1]!.failing.some((text) => text.startsWith("sex "))).toBe(true);

    expect(await enforceGuardrails()).toContain(key);
    const stopped = await getExperiment(key);
    expect(stopped.status).toBe("stopped");
    expect(stopped.stopReason).toMatch(
      new RegExp(
        `^guardrail breached — fairness_audit, arm 2 \\(${biased.replaceAll(".", "\\.")}\\): audit \\d+ failed — .*sex `,
      ),
    );
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, key), eq(auditLog.action, "experiment.stop")));
    expect(entry).toMatchObject({ actor: "guardrail", details: { breachedArms: [2] } });
  });
});
