/**
 * The security headers of every response (proxy.ts sets them; next.config.ts repeats the static
 * ones for the files the proxy does not see). Why each directive is what it is:
 * docs/decisions/027-csp-nonces-and-cross-site-refusal.md.
 */

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce (Next.js puts
 * it on its own script tags, read from this header on the request) and what those scripts load
 * ('strict-dynamic'); 'self' is a fallback for browsers without CSP3. No 'unsafe-inline' for
 * scripts. Styles keep 'unsafe-inline': React writes `style` attributes (positions, widths of
 * charts and bars), which no nonce can cover, and a style cannot run code.
 */
export function pageCsp(nonce: string, dev: boolean): string {
  return policy(`'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`, "'self' blob: data:");
}

/**
 * The policy of what /api answers: JSON mostly, and HTML pages served by route handlers (the
 * partner API's interactive docs). Without 'strict-dynamic' here, so such a page's scripts from
 * our own origin run as plain `<script src>`; an inline script there still needs the nonce, which
 * the handler reads from the request's `x-nonce` header.
 */
export function apiCsp(nonce: string): string {
  return policy(`'self' 'nonce-${nonce}'`, "'self' data:");
}

/** What both policies share: everything from our own origin only, no plugins, no framing. */
function policy(scriptSrc: string, imgSrc: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${imgSrc}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The headers every response carries, whatever it is. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "cross-origin-opener-policy": "same-origin",
};

/** One year, subdomains included: sent only on responses the browser received over TLS. */
export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Whether the request reached us over TLS: directly (an https URL) or through a TLS-terminating
 * proxy that says so in X-Forwarded-Proto. A client could send that header over plain http, but
 * browsers ignore Strict-Transport-Security received over plain http (RFC 6797 §8.1), so
 * believing it costs nothing and needs no setting.
 */
export function overTls(url: URL, headers: Headers): boolean {
  if (url.protocol === "https:") return true;
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https";
}
