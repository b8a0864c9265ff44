import { afterAll } from "vitest";
import { assertProductLogsClean } from "../system/processes";

// Registered before the test file's own hooks, so (hooks run as a stack) it runs after the file
// has stopped its processes, and also sees what they logged while shutting down.
afterAll(assertProductLogsClean);
