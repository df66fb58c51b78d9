import { createHash } from "node:crypto";
import { constants, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/compress";
import { parseAccept } from "hono/utils/accept";
import type { Store } from "../../store/store.ts";
import { languageOf } from "../i18n/language.ts";
import type { Lang } from "../i18n/messages.ts";
import { CODE_FINGERPRINT } from "./code-fingerprint.ts";
import { type CachedPage, PageLru } from "./page-lru.ts";
import { revisionReader } from "./revision-reader.ts";

/** The public pages: the national index, the data catalogue, the national search, organizations and everything under a plan. */
const PUBLIC_PAGE = /^\/(?:$|data$|search$|orgs\/|plans\/)/u;
/** Stored and revalidated by anyone, but checked with us on every use. */
export const PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate";
/** The language cookie chooses the page's language; gzip or not is chosen by Accept-Encoding. */
const VARY = "Cookie, Accept-Encoding";
/** Headers of the handler's response that the cache sets itself, or that must never be replayed. */
const OWN_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "etag",
  "last-modified",
  "cache-control",
  "vary",
  "set-cookie",
]);

export interface PageCacheOptions {
  /** Most pages kept (default 500). */
  maxEntries?: number;
  /** Most bytes kept, plain and gzipped together (default 64 MiB). */
  maxBytes?: number;
  /**
   * What else every page depends on, hashed into the ETags: the site's identity (its name,
   * logo and favicon are settings), so that a new logo is not answered with 304.
   */
  variant?: string;
}

/**
 * Conditional requests and a render cache for the public GET pages (`/`, `/data`, `/plans/…`).
 *
 * A primary-key read of the store's data revision that starts after the request arrived (shared
 * by the requests that arrive together: `revisionReader`), then: ETag = hash of (code,
 * revision, path and query, language), Last-Modified = when the revision moved;
 * `If-None-Match` / `If-Modified-Since` that still hold get 304 without rendering. Otherwise
 * the page comes from an in-process LRU keyed by (revision, path and query, language) or is
 * rendered once and kept, with its gzip made once beside it. The ETag is weak (`W/"…"`): the
 * same tag stands for the plain and the gzipped bytes of one page, which hono/compress also
 * does when it compresses; If-None-Match compares weakly anyway.
 *
 * This holds because a public page is a function of the data, its path and query, and the
 * language only (not of the clock, nor of who asks).
 *
 * Register it first (outermost): a kept page is then sent as it was rendered, with the headers
 * the inner middleware gave it (secureHeaders), without running them again; a rendered page
 * that hono/compress compressed is decompressed once to be kept plain and gzipped. A client
 * that does not take gzip gets the plain bytes of a kept page.
 *
 * Left alone (no ETag, not kept): other methods and paths, responses other than 200, responses
 * that set a cookie or say `private` / `no-store`, and requests carrying any cookie other than
 * `lang` (a signed-in person may see more than the public does).
 * @example app.use(pageCache(store));
 */
export function pageCache(store: Store, options: PageCacheOptions = {}): MiddlewareHandler {
  return createPageCache(store, options).middleware;
}

/** What the cache needs of a request, read from Hono's context or from Node's request alike. */
export interface KeptPageRequest {
  method: string;
  /** The path, without the query. */
  path: string;
  /** The path and the query, as the client sent them. */
  target: string;
  lang: Lang;
  cookie: string | undefined;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  acceptEncoding: string | undefined;
}

/** A kept page's answer: 304 with its validators, or 200 with its bytes and headers. */
export interface KeptPageAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

export interface PageCache {
  /** The Hono middleware: answers from the cache, or renders, keeps and answers. */
  middleware: MiddlewareHandler;
  /**
   * The answer for a request whose page is kept (or still fresh at the client), without Hono:
   * null when the request is not for a public page, carries a personal cookie, or its page is not
   * kept yet (then the app renders it through the middleware, which keeps it).
   */
  answerKept(request: KeptPageRequest): Promise<KeptPageAnswer | null>;
}

/** {@link pageCache}, with the lookup that a server can run before Hono (`keptPageListener`). */
export function createPageCache(store: Store, options: PageCacheOptions = {}): PageCache {
  const pages = new PageLru(options.maxEntries ?? 500, options.maxBytes ?? 64 * 1024 * 1024);
  const readRevision = revisionReader(store);
  const variant = options.variant ?? "";
  let revisionSeen: number | undefined;
  const lookup = async (request: KeptPageRequest) => {
    if ((request.method !== "GET" && request.method !== "HEAD") || !PUBLIC_PAGE.test(request.path))
      return null;
    if (hasPersonalCookie(request.cookie)) return null;
    const data = await readRevision();
    if (!data) return null;
    if (data.revision !== revisionSeen) {
      // Pages of an older revision can never be served again: free them at once.
      pages.clear();
      revisionSeen = data.revision;
    }
    // The key names everything the page depends on; the ETag is a hash of it and of the code.
    const key = `${data.revision}\u0000${data.changedAt}\u0000${request.lang}\u0000${request.target}`;
    const kept = pages.get(key);
    const validators = kept?.validators ?? validatorsOf(key, data.changedAt, variant);
    const fresh = stillFresh(request, validators);
    return { key, kept, validators, fresh };
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const request = keptPageRequest(c);
    const found = await lookup(request);
    if (!found) return next();
    const { key, kept, validators } = found;
    if (found.fresh) return c.body(null, 304, validators);
    const gzip = acceptsGzip(request.acceptEncoding);
    if (kept) return respond(kept, gzip);
    await next();
    if (!keepable(c.res)) return;
    const page = await toCachedPage(c.res, validators);
    pages.set(key, page);
    c.res = undefined; // drop the rendered response and its headers: the kept page replaces it
    c.res = respond(page, gzip);
  };

  const answerKept = async (request: KeptPageRequest): Promise<KeptPageAnswer | null> => {
    const found = await lookup(request);
    if (!found) return null;
    if (found.fresh) return { status: 304, headers: found.validators, body: null };
    const page = found.kept;
    if (!page) return null;
    return page.gzip && page.gzipHeaders && acceptsGzip(request.acceptEncoding)
      ? { status: 200, headers: page.gzipHeaders, body: page.gzip }
      : { status: 200, headers: page.headers, body: page.body };
  };

  return { middleware, answerKept };
}

function keptPageRequest(c: Context): KeptPageRequest {
  const url = c.req.url;
  return {
    method: c.req.method,
    path: c.req.path,
    target: url.slice(url.indexOf("/", url.indexOf("//") + 2)),
    lang: languageOf(c),
    cookie: c.req.header("Cookie"),
    ifNoneMatch: c.req.header("If-None-Match"),
    ifModifiedSince: c.req.header("If-Modified-Since"),
    acceptEncoding: c.req.header("Accept-Encoding"),
  };
}

function validatorsOf(key: string, changedAt: string, variant: string): Record<string, string> {
  const etag = createHash("sha256")
    .update(`${CODE_FINGERPRINT}\u0000${variant}\u0000${key}`)
    .digest("base64url")
    .slice(0, 27);
  return {
    ETag: `W/"${etag}"`,
    // HTTP dates have whole seconds; the store gives each revision a later second.
    "Last-Modified": new Date(Math.floor(Date.parse(changedAt) / 1000) * 1000).toUTCString(),
    "Cache-Control": PAGE_CACHE_CONTROL,
    Vary: VARY,
  };
}

/** If-None-Match when sent (weak comparison), otherwise If-Modified-Since (whole seconds). */
function stillFresh(request: KeptPageRequest, validators: Record<string, string>): boolean {
  const { ifNoneMatch, ifModifiedSince } = request;
  if (ifNoneMatch !== undefined) {
    const etag = opaque(validators.ETag ?? "");
    return ifNoneMatch.split(",").some((t) => opaque(t.trim()) === etag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(validators["Last-Modified"] ?? "") <= since;
}

function opaque(etag: string): string {
  return etag.startsWith("W/") ? etag.slice(2) : etag;
}

function hasPersonalCookie(cookie: string | undefined): boolean {
  if (!cookie) return false;
  return cookie.split(";").some((part) => {
    const name = part.split("=", 1)[0]?.trim() ?? "";
    return name !== "" && name !== "lang";
  });
}

function keepable(res: Response): boolean {
  if (res.status !== 200 || res.headers.has("Set-Cookie")) return false;
  if (!DECODERS.has(res.headers.get("Content-Encoding") ?? "")) return false;
  return !/\b(?:private|no-store)\b/iu.test(res.headers.get("Cache-Control") ?? "");
}

/** What hono/compress (inside this middleware) may have done to a rendered page, undone. */
const DECODERS = new Map<string, (bytes: Uint8Array) => Uint8Array>([
  ["", (bytes) => bytes],
  ["gzip", (bytes) => gunzipSync(bytes)],
  ["deflate", (bytes) => inflateSync(bytes)],
]);

async function toCachedPage(
  res: Response,
  validators: Record<string, string>,
): Promise<CachedPage> {
  const decode = DECODERS.get(res.headers.get("Content-Encoding") ?? "") ?? ((b) => b);
  const body = new Uint8Array(decode(new Uint8Array(await res.arrayBuffer())));
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!OWN_HEADERS.has(name)) headers[name] = value;
  });
  // Same rules as hono/compress: compressible types of 1 KiB or more. Made once per revision,
  // so the best level costs nothing per request.
  const type = headers["content-type"] ?? "";
  const gzip =
    body.byteLength >= 1024 && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)
      ? new Uint8Array(gzipSync(body, { level: constants.Z_BEST_COMPRESSION }))
      : undefined;
  // The length is part of the kept headers: a server that writes them itself (keptPageListener)
  // then sends the same framing as the app, not chunks.
  const plainHeaders = { ...headers, ...validators };
  const page = {
    body,
    headers: { ...plainHeaders, "Content-Length": String(body.byteLength) },
    validators,
  };
  return gzip
    ? {
        ...page,
        gzip,
        gzipHeaders: {
          ...plainHeaders,
          "Content-Encoding": "gzip",
          "Content-Length": String(gzip.byteLength),
        },
      }
    : page;
}

/** The last Accept-Encoding read and its answer: clients send the same few values again and again. */
let lastAcceptEncoding = "";
let lastAcceptsGzip = false;

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  if (acceptEncoding === lastAcceptEncoding) return lastAcceptsGzip;
  lastAcceptEncoding = acceptEncoding;
  lastAcceptsGzip = parsedAcceptsGzip(acceptEncoding);
  return lastAcceptsGzip;
}

function parsedAcceptsGzip(acceptEncoding: string): boolean {
  const accepts = parseAccept(acceptEncoding);
  const chosen =
    accepts.find((a) => a.type.toLowerCase() === "gzip") ?? accepts.find((a) => a.type === "*");
  return (chosen?.q ?? 0) > 0;
}

function respond(page: CachedPage, gzip: boolean): Response {
  if (gzip && page.gzip) return new Response(page.gzip, { status: 200, headers: page.gzipHeaders });
  return new Response(page.body, { status: 200, headers: page.headers });
}
