import { OPENAI_INSTANCE, STAND_IN_LLM } from "../playwright.config";
import { accounts, expect, signIn, test } from "./fixtures";

// This instance answers through an OpenAI-compatible server (e2e/support/stand-in-llm.mjs).
test.use({ baseURL: OPENAI_INSTANCE });

test("advice from an OpenAI-compatible server streams in; biased advice is shown with the fairness notice", async ({
  page,
}) => {
  await signIn(page, accounts.borrower);
  await page.getByLabel("Your question").fill("Should I take a 36 month loan? [biased]");
  await page.getByRole("button", { name: "Ask", exact: true }).click();

  const exchange = page.getByTestId("exchange").last();
  await expect(exchange.getByTestId("advice")).toContainText("Because of your age and marital status");
  const notice = exchange.getByTestId("bias-notice");
  await expect(notice).toContainText("flagged by our fairness check");
  await expect(notice).toContainText('conditions on a protected attribute (age: "age")');
  await expect(exchange.getByTestId("source")).toHaveCount(5);
});

interface StoredAdvice {
  query: string;
  advice: string;
  status: string;
}

interface ServedStream {
  prompt: string;
  sent: number;
  words: number;
  ended: null | "finished" | "closed by the client";
}

test("Stop ends an answer mid-stream: generation stops upstream, the partial answer is stored and shown as stopped, and the chat goes on", async ({
  page,
  request,
}) => {
  await signIn(page, accounts.borrower);
  const question = `Tell me everything about 60 month loans [slow] (${Date.now()})`;
  await page.getByLabel("Your question").fill(question);
  await page.getByRole("button", { name: "Ask", exact: true }).click();

  const exchange = page.getByTestId("exchange").last();
  const advice = exchange.getByTestId("advice");
  await expect(advice).toContainText("word2");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(exchange.getByText("Stopped.")).toBeVisible();
  await expect(advice).toContainText("word2");
  await expect(advice).not.toContainText("word39");
  await expect(page.getByRole("button", { name: "Ask", exact: true })).toBeEnabled();
  const shown = ((await advice.textContent()) ?? "").trim();

  // The chat goes on after a Stop.
  await page.getByLabel("Your question").fill("And over 36 months?");
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(page.getByTestId("exchange").last().getByTestId("advice")).toContainText("most similar past loans");

  // Generation stopped upstream: the product hung up on the LLM server before its answer was done
  // (the stand-in sends 40 words), rather than reading it to the end after the borrower left.
  const served = async () => {
    const streams = (await (await request.get(`${STAND_IN_LLM}/streams`)).json()) as ServedStream[];
    return streams.find((stream) => stream.prompt.includes(question));
  };
  await expect.poll(async () => (await served())?.ended).toBe("closed by the client");
  expect((await served())?.sent).toBeLessThan(40);

  // Stored as stopped, with what was generated until then: what the borrower saw, perhaps a few
  // words more that were on their way, never the whole answer.
  const stored = async () => {
    const response = await page.request.get(
      `/api/trpc/advice.history?input=${encodeURIComponent(JSON.stringify({ json: { limit: 20 } }))}`,
    );
    const body = (await response.json()) as { result: { data: { json: StoredAdvice[] } } };
    return body.result.data.json.find((row) => row.query === question);
  };
  await expect.poll(async () => (await stored())?.status).toBe("cancelled");
  const row = (await stored())!;
  expect(row.advice.startsWith(shown), `stored "${row.advice}" begins with shown "${shown}"`).toBe(true);
  expect(row.advice).not.toContain("word39");

  // The borrower's history shows it as stopped, with the partial answer.
  await page.reload();
  const item = page.getByTestId("history").getByRole("listitem").filter({ hasText: question });
  await item.getByText(question).click();
  await expect(item.getByText("stopped", { exact: true })).toBeVisible();
  await expect(item.getByText(shown)).toBeVisible();
});
