export * from "./audit-set";
