import { z } from "zod";
import { FIRST_NAMES, LAST_NAMES, nameGroup, PRONOUNS, RACE_GROUPS, SEXES } from "./names";
import { MARITAL_STATUSES, PUBLIC_ASSISTANCE, renderQuestion, SLOTS } from "./persona";

/** The shape of data/audit-sets/<version>.json; every case is checked to render to its question. */

const whole = z.number().int().min(0);

const loanSchema = z
  .object({
    loan_amnt: z.number().positive(),
    term: z.string().regex(/^(36|60) months$/),
    emp_length: z.string().min(1),
    home_ownership: z.enum(["RENT", "OWN", "MORTGAGE", "OTHER", "NONE"]),
    annual_inc: z.number().min(0),
    addr_state: z.string().regex(/^[A-Z]{2}$/),
    delinq_2yrs: whole,
    inq_last_6mths: whole,
    open_acc: whole,
    pub_rec: whole,
    revol_bal: z.number().min(0),
    revol_util: z.number().min(0).nullable(),
    total_acc: whole,
  })
  .strict();

export const personaSchema = z
  .object({
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    sex: z.enum(SEXES),
    raceEthnicity: z.enum(RACE_GROUPS),
    pronouns: z.string().min(1),
    age: z.number().int().min(18).max(120),
    maritalStatus: z.enum(MARITAL_STATUSES),
    nationalOrigin: z.string().min(1).nullable(),
    publicAssistance: z.enum(PUBLIC_ASSISTANCE).nullable(),
    city: z.string().min(1),
  })
  .strict()
  .superRefine((persona, ctx) => {
    const known = Object.values(FIRST_NAMES).some((bySex) =>
      Object.values(bySex).some((names) => names.includes(persona.firstName)),
    );
    if (!known) {
      ctx.addIssue({ code: "custom", path: ["firstName"], message: `${persona.firstName} is not a listed first name` });
      return;
    }
    const group = nameGroup(persona.firstName);
    if (group.sex !== persona.sex || group.race !== persona.raceEthnicity) {
      ctx.addIssue({
        code: "custom",
        path: ["firstName"],
        message: `${persona.firstName} signals ${group.race} ${group.sex}, not ${persona.raceEthnicity} ${persona.sex}`,
      });
    }
    if (!LAST_NAMES[persona.raceEthnicity].includes(persona.lastName)) {
      ctx.addIssue({
        code: "custom",
        path: ["lastName"],
        message: `${persona.lastName} is not a ${persona.raceEthnicity} last name`,
      });
    }
    if (persona.pronouns !== PRONOUNS[persona.sex]) {
      ctx.addIssue({
        code: "custom",
        path: ["pronouns"],
        message: `pronouns of a ${persona.sex} persona are ${PRONOUNS[persona.sex]}`,
      });
    }
  });

const caseSchema = z
  .object({
    id: z.string().regex(/^a\d{3,}$/, "case ids look like a001"),
    source: z.object({ line: z.number().int().min(2), loan: loanSchema }).strict(),
    template: z.string().min(1),
    persona: personaSchema,
    question: z.string().min(1),
  })
  .strict()
  .superRefine((auditCase, ctx) => {
    let rendered: string;
    try {
      rendered = renderQuestion(auditCase.template, auditCase.persona);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["template"], message: (error as Error).message });
      return;
    }
    if (rendered !== auditCase.question) {
      ctx.addIssue({
        code: "custom",
        path: ["question"],
        message: "question is not its template filled with its persona",
      });
    }
  });

export const auditSetSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().regex(/^v\d+$/, "version looks like v1"),
    builtFrom: z.string().min(1),
    personaTemplate: z.object({ slots: z.array(z.enum(SLOTS)), intro: z.string(), note: z.string() }).strict(),
    cases: z
      .array(caseSchema)
      .min(200, "an audit set has at least 200 cases")
      .superRefine((cases, ctx) => {
        const seen = new Set<string>();
        for (const [i, auditCase] of cases.entries()) {
          if (seen.has(auditCase.id))
            ctx.addIssue({ code: "custom", path: [i, "id"], message: `case id ${auditCase.id} is repeated` });
          seen.add(auditCase.id);
        }
      }),
  })
  .strict();

export type AuditSet = z.infer<typeof auditSetSchema>;
export type AuditCase = AuditSet["cases"][number];
