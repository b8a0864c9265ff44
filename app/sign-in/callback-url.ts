/**
 * Where sign-in sends people back to. Only a path on this site: a callbackUrl comes from the
 * address bar, so anyone can craft a link that would otherwise end on their own site.
 */

/** Set by proxy.ts on page requests: the path and query the visitor asked for (layouts cannot see it). */
export const REQUESTED_PATH_HEADER = "x-apfa-requested-path";

// Resolving against a placeholder origin and requiring the result to stay on it refuses what
// browsers would read as another host: "//host", "/\host", "https://host", tabs or newlines inside.
const BASE = "http://apfa.invalid";

/** `value` as a same-site path (with its query and fragment), or "/" when it is anything else. */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, returning to `path` afterwards. */
export function signInUrl(path: string | null | undefined): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(safeCallbackUrl(path))}`;
}
