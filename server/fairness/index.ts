export * from "./audit-set";
export * from "./counterfactual";
