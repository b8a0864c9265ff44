import { z } from "zod";

export const MAX_QUESTION_CHARS = 2000;

export const questionSchema = z
  .string({ message: "the question must be text" })
  .trim()
  .min(1, "the question is empty: ask about a loan")
  .max(
    MAX_QUESTION_CHARS,
    `the question is too long: at most ${MAX_QUESTION_CHARS.toLocaleString("en-US")} characters`,
  );

/** Body of the borrower chat stream. */
export const chatInput = z.object({
  question: questionSchema,
  conversationId: z.string().uuid("conversationId must be a UUID").optional(),
});

/** Body of POST /api/v1/advice (contract in DESIGN.md §4). */
export const partnerAdviceInput = z.object({
  query: questionSchema,
  userId: z
    .string({ message: "userId must be text" })
    .trim()
    .min(1, "userId is required")
    .max(200, "userId is at most 200 characters"),
});

export const feedbackInput = z
  .object({
    adviceId: z.string().uuid("adviceId must be a UUID"),
    rating: z
      .number()
      .int("rating must be a whole number")
      .min(1, "rating is 1 to 5")
      .max(5, "rating is 1 to 5")
      .optional(),
    thumbs: z.enum(["up", "down"], { message: "thumbs is up or down" }).optional(),
  })
  .refine((value) => value.rating !== undefined || value.thumbs !== undefined, {
    message: "give a rating or a thumbs up/down",
  });
