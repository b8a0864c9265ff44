import { describe, expect, it } from "vitest";
import { loadAuditSet } from "@/server/fairness";
import { auditSetFromCorpus } from "./audit-set-from-corpus";

describe("the shipped audit set", () => {
  it("is what scripts/build-audit-set.ts builds from the shipped corpus (it can be rebuilt and checked)", async () => {
    expect(await auditSetFromCorpus("v1")).toEqual(loadAuditSet().set);
  });
});
