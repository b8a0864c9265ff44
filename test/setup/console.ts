import { afterAll, afterEach } from "vitest";
import { assertNoUnexpectedConsoleErrors, installConsoleGuard } from "../console";

installConsoleGuard();

afterEach(assertNoUnexpectedConsoleErrors);
// Also covers errors logged in beforeAll/afterAll hooks, e.g. while connections close.
afterAll(assertNoUnexpectedConsoleErrors);
