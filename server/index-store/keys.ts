/** Where an index version's artifacts live in the store: indexes/<version>/{index, ids, manifest.json}. */
export const indexKey = (version: string, file: "index" | "ids" | "manifest.json") => `indexes/${version}/${file}`;

/** The store's pointer to the active version (the database's `active` flag is the source of truth). */
export const LATEST_KEY = "indexes/latest";
