import { describe, expect, it } from "vitest";
import { ROLES, roleSatisfies } from "./roles";

describe("roleSatisfies", () => {
  // Each role may do what it and every lower role may, and nothing above it.
  it.each([
    ["borrower", "borrower", true],
    ["borrower", "ml_engineer", false],
    ["borrower", "admin", false],
    ["ml_engineer", "borrower", true],
    ["ml_engineer", "ml_engineer", true],
    ["ml_engineer", "admin", false],
    ["admin", "borrower", true],
    ["admin", "ml_engineer", true],
    ["admin", "admin", true],
  ] as const)("%s satisfies %s: %s", (role, required, expected) => {
    expect(roleSatisfies(role, required)).toBe(expected);
  });

  it("covers every role in the table above", () => {
    expect([...ROLES].sort()).toEqual(["admin", "borrower", "ml_engineer"]);
  });
});
