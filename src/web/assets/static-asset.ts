import { createHash } from "node:crypto";
import type { Hono } from "hono";

/** A file the pages link to, kept in memory, with a fingerprint of its bytes in its link. */
export interface StaticAsset {
  /** Where it is served: `/assets/style.css`. */
  path: string;
  /** What pages link to: the path with `?v=` and the first 12 characters of its SHA-256. */
  href: string;
  /** The fingerprint alone. */
  version: string;
  type: string;
  body: Uint8Array;
}

/** A year: a fingerprinted link never changes its bytes, so browsers need not ask again. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** Asked for without (or with another) fingerprint: kept an hour, as before fingerprints. */
const PLAIN_CACHE_CONTROL = "public, max-age=3600";

/**
 * An asset from its bytes. The fingerprint is in the query, not in the file name, so a page kept
 * by a browser from before a deploy still finds the stylesheet (the new one) at its link.
 * @example staticAsset("/assets/style.css", css, "text/css; charset=utf-8").href // "/assets/style.css?v=3f1a…"
 */
export function staticAsset(path: string, body: string | Uint8Array, type: string): StaticAsset {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const version = createHash("sha256").update(bytes).digest("base64url").slice(0, 12);
  return { path, href: `${path}?v=${version}`, version, type, body: bytes };
}

/**
 * Serves assets from memory: with their fingerprint a year and `immutable`, otherwise an hour.
 * @example serveAssets(app, [STYLE, DESIGN_TOKENS]);
 */
export function serveAssets(app: Hono, assets: readonly StaticAsset[]): void {
  for (const asset of assets)
    app.get(asset.path, (c) => {
      c.header(
        "Cache-Control",
        c.req.query("v") === asset.version ? IMMUTABLE_CACHE_CONTROL : PLAIN_CACHE_CONTROL,
      );
      c.header("Content-Type", asset.type);
      return c.body(asset.body as Uint8Array<ArrayBuffer>, 200);
    });
}
