import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type AuditsOutputs = inferRouterOutputs<AppRouter>["fairnessAudits"];

export type Audit = AuditsOutputs["get"];
export type AuditPair = AuditsOutputs["pairs"][number];
export type AuditAnswer = AuditPair["original"];
export type AuditSummary = NonNullable<Audit["summary"]>;
export type AttributeScore = AuditSummary["attributes"][keyof AuditSummary["attributes"]];
export type Swap = AuditPair["swap"];
