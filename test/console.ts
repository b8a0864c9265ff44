import { format } from "node:util";
import { expect } from "vitest";

/**
 * epic-stack style: a console.error nobody expected fails the test that caused it.
 * server/logger.ts writes error-level lines through console.error, so a logged failure
 * (an INTERNAL_SERVER_ERROR in a procedure, a lost connection) cannot pass silently.
 *
 * Calls are collected rather than thrown from inside console.error: throwing there would
 * change the behaviour of the code that logged (a tRPC middleware, a Redis event handler).
 */

let unexpected: string[] = [];
const expectations: { pattern: RegExp; seen: string[] }[] = [];

export function installConsoleGuard(): void {
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const message = format(...args);
    const expectation = expectations.find(({ pattern }) => pattern.test(message));
    // Expected lines are kept for the test to inspect but not printed: they would read as failures.
    if (expectation) return void expectation.seen.push(message);
    original(...args);
    unexpected.push(message);
  };
}

/** Throws (failing the current hook or test) if anything unexpected was logged since the last check. */
export function assertNoUnexpectedConsoleErrors(): void {
  const messages = unexpected;
  unexpected = [];
  if (messages.length > 0) {
    throw new Error(
      `console.error was called unexpectedly (${messages.length}x); wrap deliberate failures in expectConsoleError():\n` +
        messages.map((message) => `  ${message}`).join("\n"),
    );
  }
}

/**
 * Runs `fn`, allowing console.error lines that match `pattern` while it runs, and asserts that at
 * least one did: a test that triggers a logged error also proves the error is logged.
 */
export async function expectConsoleError<T>(
  pattern: RegExp,
  fn: () => T | Promise<T>,
): Promise<{ result: T; messages: string[] }> {
  const expectation = { pattern, seen: [] as string[] };
  expectations.push(expectation);
  try {
    const result = await fn();
    expect(expectation.seen, `expected a console.error matching ${pattern}`).not.toHaveLength(0);
    return { result, messages: expectation.seen };
  } finally {
    expectations.splice(expectations.indexOf(expectation), 1);
  }
}
