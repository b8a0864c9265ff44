import { accounts, expect, expectForbidden, signIn, test } from "./fixtures";

test("a borrower's question is found on the Traces page by an ML engineer and followed through every node", async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  // The stamp first: the results show a question's first words.
  const question = `(trace ${stamp}) I rent and earn $61,000. Should I borrow $7,500 over 36 months?`;

  // The borrower asks, in a browser of their own; the chat's response names its request id.
  const borrower = await (await browser.newContext()).newPage();
  await signIn(borrower, accounts.borrower);
  await borrower.getByLabel("Your question").fill(question);
  const [chat] = await Promise.all([
    borrower.waitForResponse((response) => response.url().endsWith("/api/chat")),
    borrower.getByRole("button", { name: "Ask", exact: true }).click(),
  ]);
  const requestId = chat.headers()["x-request-id"];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const exchange = borrower.getByTestId("exchange").last();
  await expect(exchange.getByTestId("source")).toHaveCount(5);
  // Rating is offered once the answer is finished, and it is stored before it finishes.
  await expect(exchange.getByRole("button", { name: "Rate 4 of 5" })).toBeVisible();
  await borrower.context().close();

  // The ML engineer finds it by who asked, from the console's navigation.
  await signIn(page, accounts.ml);
  await page.goto("/console/models");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Traces" }).click();
  await expect(page.getByRole("heading", { name: "Traces", level: 1 })).toBeVisible();
  const search = page.getByRole("form", { name: "Search requests" });
  await search.getByLabel("User (email, id or partner's user id)").fill(accounts.borrower);
  await search.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId("trace-result").filter({ hasText: `trace ${stamp}` });
  await expect(row).toHaveCount(1);

  // Opened from the keyboard: the link, then Enter; the focus lands on the request's details.
  await row.getByRole("link").focus();
  await page.keyboard.press("Enter");
  const details = page.getByTestId("trace-details");
  await expect(details.getByRole("heading", { name: /^Request / })).toBeFocused();
  await expect(details.getByText(requestId!)).toBeVisible();
  await expect(details.getByText("advisor-prompt@", { exact: false }).first()).toBeVisible();
  await expect(details.getByTestId("trace-source")).toHaveCount(5);
  await expect(details.getByTestId("trace-answer")).toContainText("past loans most like your question");

  // The waterfall: the three nodes under the request, search under the retriever, the LLM under the analyzer.
  const waterfall = details.getByTestId("waterfall");
  const spans = waterfall.getByTestId("span-row");
  const order = await spans.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-span")));
  expect(order).toEqual([
    "advice.request",
    "serving.decide",
    "agent.retriever",
    "rag.embed",
    "index.search",
    "rag.documents",
    "agent.analyzer",
    "llm.generate",
    "agent.orchestrator",
  ]);
  for (const name of ["retriever", "search", "analyzer", "llm", "orchestrator"]) {
    await expect(waterfall.getByRole("button", { name: new RegExp(`^${name}: starts at .* takes `) })).toBeVisible();
  }

  // Arrow keys move between spans; Enter shows the LLM span's time to first token.
  await waterfall.getByRole("button", { name: /^request: / }).focus();
  for (let i = 0; i < order.indexOf("llm.generate"); i++) await page.keyboard.press("ArrowDown");
  await expect(waterfall.getByRole("button", { name: /^llm: / })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(details.getByTestId("span-facts")).toContainText("apfa.llm.time_to_first_token_ms");
  await expect(details.getByTestId("span-facts")).toContainText("event: first token");

  // The same request by the id the chat's response carried.
  await search.getByRole("button", { name: "Clear" }).click();
  await search.getByLabel("Advice, request or trace id").fill(requestId!);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("trace-result")).toHaveCount(1);
  await expect(page.getByTestId("trace-result")).toContainText(`trace ${stamp}`);

  // Nothing matches: the empty state says so.
  await search.getByLabel("Advice, request or trace id").fill(`no-such-request-${stamp}`);
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("empty-state")).toContainText("No requests match");
});

test("borrowers cannot open the Traces page", async ({ page, consoleErrors }) => {
  await signIn(page, accounts.borrower);
  await expectForbidden(page, consoleErrors, "/console/traces");
});
