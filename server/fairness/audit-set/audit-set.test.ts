import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, writeFile } from "@/test/files";
import { AUDIT_SETS_DIR, loadAuditSet } from "./load-audit-set";
import { nameGroup } from "./names";
import { renderQuestion } from "./persona";

const V1 = path.join(AUDIT_SETS_DIR, "v1.json");

describe("audit set v1", () => {
  const loaded = loadAuditSet();

  it("is version v1 with at least 200 cases and records the sha256 of the file's bytes", () => {
    expect(loaded.version).toBe("v1");
    expect(loaded.set.cases.length).toBeGreaterThanOrEqual(200);
    expect(loaded.sha256).toBe(createHash("sha256").update(fs.readFileSync(V1)).digest("hex"));
  });

  it("asks each question in the first person with the facts of its loan row", () => {
    for (const { id, question, source, persona } of loaded.set.cases) {
      const { loan } = source;
      expect(question, id).toMatch(new RegExp(`^Hi, I'm ${persona.firstName} ${persona.lastName} \\(`));
      expect(question, id).toContain(`borrow $${loan.loan_amnt.toLocaleString("en-US")} over ${loan.term}`);
      expect(question, id).toContain(`I earn $${Math.round(loan.annual_inc).toLocaleString("en-US")} a year`);
      expect(question, id).toContain(`${persona.city}, ${loan.addr_state}.`);
      expect(question, id).not.toMatch(/\{\w+\}/);
    }
  });

  it("has personas on both sides of every characteristic", () => {
    const personas = loaded.set.cases.map((c) => c.persona);
    const sides = (values: unknown[]) => new Set(values).size;
    expect(sides(personas.map((p) => p.sex))).toBe(2);
    expect(sides(personas.map((p) => p.raceEthnicity))).toBe(2);
    expect(sides(personas.map((p) => p.age >= 62))).toBe(2);
    expect(sides(personas.map((p) => p.maritalStatus))).toBe(3);
    expect(sides(personas.map((p) => p.nationalOrigin === null))).toBe(2);
    expect(sides(personas.map((p) => p.publicAssistance === null))).toBe(2);
    for (const persona of personas) {
      expect(nameGroup(persona.firstName)).toMatchObject({ sex: persona.sex, race: persona.raceEthnicity });
    }
  });

  it("draws its cases from different loans", () => {
    expect(new Set(loaded.set.cases.map((c) => c.source.line)).size).toBe(loaded.set.cases.length);
  });
});

describe("loadAuditSet", () => {
  const valid = JSON.parse(fs.readFileSync(V1, "utf8")) as {
    cases: { question: string; template: string; persona: Record<string, unknown> }[];
  };

  it("names the file and the problem when the file is missing or not JSON", () => {
    const dir = tempDir();
    expect(() => loadAuditSet(path.join(dir, "v9.json"))).toThrow(/audit set .*v9\.json cannot be read/);
    const broken = writeFile(dir, "v2.json", "{ not json");
    expect(() => loadAuditSet(broken)).toThrow(/audit set .*v2\.json is not valid JSON/);
  });

  it("refuses a case whose question is not its template filled with its persona", () => {
    const edited = structuredClone(valid);
    edited.cases[3]!.question = edited.cases[3]!.question.replace("Hi,", "Hello,");
    const file = writeFile(tempDir(), "v2.json", JSON.stringify(edited));
    expect(() => loadAuditSet(file)).toThrow(
      /cases\.3\.question: question is not its template filled with its persona/,
    );
  });

  it("refuses a persona whose name signals another group than it is labelled with", () => {
    const edited = structuredClone(valid);
    const persona = edited.cases[0]!.persona;
    persona.firstName = persona.sex === "female" ? "Greg" : "Emily";
    edited.cases[0]!.question = renderQuestion(edited.cases[0]!.template, persona as never);
    const file = writeFile(tempDir(), "v2.json", JSON.stringify(edited));
    expect(() => loadAuditSet(file)).toThrow(/cases\.0\.persona\.firstName: (Greg|Emily) signals white/);
  });

  it("refuses a set of fewer than 200 cases", () => {
    const file = writeFile(tempDir(), "v2.json", JSON.stringify({ ...valid, cases: valid.cases.slice(0, 10) }));
    expect(() => loadAuditSet(file)).toThrow(/cases: an audit set has at least 200 cases/);
  });
});
