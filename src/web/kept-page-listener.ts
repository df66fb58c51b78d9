import type { IncomingMessage, RequestListener } from "node:http";
import type { Lang } from "./i18n/messages.ts";
import type { Logger } from "./logging/json-logger.ts";
import type { KeptPageRequest, PageCache } from "./middleware/page-cache.ts";

/** A request target that needs no normalizing (the same test as @hono/node-server's). */
const PLAIN_TARGET = /^\/[!#$%&-;=?-[\]_a-z~]*$/u;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/u;

/**
 * Node's request listener for the site: a GET of a public page that the page cache keeps (or
 * that the client holds fresh) is answered from the cache directly, with the same bytes and
 * headers as through the app, and logged like any request; everything else goes to `next`
 * (Hono's listener), which renders, keeps and answers. Hono costs little per request, but a kept
 * page is nothing else: this is what lets one process serve half of nginx's throughput with
 * request logging on (BENCHMARKS.md).
 * @example http.createServer(keptPageListener(pages, getRequestListener(app.fetch), logger))
 */
export function keptPageListener(
  pages: PageCache,
  next: RequestListener,
  logger?: Logger,
): RequestListener {
  const log = logger?.enabled("info") ? logger : null;
  return (incoming, outgoing) => {
    const request = incoming.method === "GET" ? keptPageRequestOf(incoming) : null;
    if (!request) {
      next(incoming, outgoing);
      return;
    }
    const started = log ? performance.now() : 0;
    pages.answerKept(request).then(
      (answer) => {
        if (!answer) {
          next(incoming, outgoing);
          return;
        }
        outgoing.writeHead(answer.status, answer.headers);
        outgoing.end(answer.body ?? undefined);
        log?.request(
          "GET",
          request.path,
          answer.status,
          Math.round((performance.now() - started) * 10) / 10,
        );
      },
      // A failed revision read: the app answers, with its own error handling and log.
      () => next(incoming, outgoing),
    );
  };
}

/** What the page cache needs, read from Node's request; null when only the app can tell. */
export function keptPageRequestOf(incoming: IncomingMessage): KeptPageRequest | null {
  const target = plainTarget(incoming.url ?? "");
  if (target === null) return null;
  const headers = incoming.headers;
  const lang = languageAsked(target, headers.cookie);
  if (lang === null) return null;
  const query = target.indexOf("?");
  return {
    method: "GET",
    path: query === -1 ? target : target.slice(0, query),
    target,
    lang,
    cookie: headers.cookie,
    ifNoneMatch: headers["if-none-match"],
    ifModifiedSince: headers["if-modified-since"],
    acceptEncoding: headers["accept-encoding"],
  };
}

/** The target as the app sees it; null for one the app would normalize (then it decides). */
function plainTarget(url: string): string | null {
  return PLAIN_TARGET.test(url) && !DOT_SEGMENT.test(url) ? url : null;
}

/**
 * The language as `languageOf` reads it: `?lang=` first, then the `lang` cookie; null for a
 * cookie this reading cannot be sure of (quoted, encoded, repeated), which the app then reads.
 */
function languageAsked(target: string, cookie: string | undefined): Lang | null {
  const query = target.indexOf("?");
  if (query !== -1 && target.includes("lang", query)) {
    const asked = new URLSearchParams(target.slice(query + 1)).get("lang");
    if (asked !== null) return asked === "en" ? "en" : "ja";
  }
  if (!cookie?.includes("lang")) return "ja";
  const values = cookie
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.startsWith("lang="))
    .map((part) => part.slice(5));
  if (values.length !== 1) return null;
  return values[0] === "en" ? "en" : values[0] === "ja" ? "ja" : null;
}
