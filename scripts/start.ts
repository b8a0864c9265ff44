export {};
// Validate the environment first, so a bad value stops start-up with a message naming it.
try {
  await import("@/server/env");
} catch (error) {
  console.error(`[apfa] ${(error as Error).message}`);
  process.exit(1);
}
await import("./supervisor");
