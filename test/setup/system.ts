/**
 * Runs in each system test file's worker before the file is imported, and the product processes
 * it starts inherit it. The system tests swap on purpose between indexes over different corpora,
 * whose top-5 sources differ by design; the shadow replay still runs and must not fail or gain
 * bias flags, but its overlap threshold is the integration tests' subject, not theirs.
 */
process.env.APFA_SHADOW_MIN_OVERLAP ??= "0";
// A fairness audit of 3 cases (27 answers) per release, instead of the whole set's 240: the swaps under load are the subject here.
process.env.APFA_AUDIT_CASES ??= "3";
