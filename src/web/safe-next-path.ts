/** An origin no request can have: what a candidate is resolved against. */
const PLACEHOLDER = "http://placeholder.invalid";

/** Longer than any page of this site needs; a longer `next` is not worth reading. */
const MAX_LENGTH = 2048;

/**
 * Where to send someone after a form or a switch (`next=`): the path and query of `next` when,
 * read the way a browser reads a `Location`, it stays on this site; `fallback` for anything else.
 * The browser drops ASCII tab, CR and LF anywhere in a URL and reads `\` as `/`, so `/\t/host`
 * and `/\host` are `//host`, another site: the candidate is cleaned the same way, resolved with
 * WHATWG URL parsing, and kept only when it is path-absolute (one leading `/`), resolves to the
 * same origin, and its normalized path still starts with a single `/` (`/.//host` becomes
 * `//host`). The answer is the serialized path and query, so it is percent-encoded and safe in a
 * header (no CR, LF or NUL can reach `Location`).
 * @example safeNextPath("/plans/x?lang=en", "/") // "/plans/x?lang=en"
 * @example safeNextPath("/\t/evil.example/", "/") // "/"
 */
export function safeNextPath(next: string | undefined, fallback: string): string {
  if (next === undefined || next.length === 0 || next.length > MAX_LENGTH) return fallback;
  const cleaned = next.replace(/[\t\n\r]/gu, "").replaceAll("\\", "/");
  // Leading C0 controls and spaces are trimmed by the parser: a leading one is not a path here.
  if (!cleaned.startsWith("/") || cleaned.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(cleaned, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  if (!url.pathname.startsWith("/") || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}`;
}
