/**
 * A create's failure as errors per field: zod's field errors when the input's shape was refused,
 * or the store's one message ("variants.1: there is no release 9.9.9", "key: an experiment k
 * already exists"), which names its field before the colon.
 */
export function fieldErrorsOf(
  error: { message: string; data?: { fieldErrors?: Record<string, string[]> | undefined } | null } | null,
): Record<string, string> {
  if (!error) return {};
  const fromZod = error.data?.fieldErrors;
  if (fromZod && Object.keys(fromZod).length > 0)
    return Object.fromEntries(Object.entries(fromZod).map(([field, messages]) => [field, messages.join("; ")]));
  const named = /^([a-zA-Z]+(?:\.\d+)?): (.+)$/.exec(error.message);
  return named ? { [named[1]!]: named[2]! } : { body: error.message };
}
