import { readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { DEFAULT_FAVICON } from "../assets/site-assets.ts";
import { type StaticAsset, staticAsset } from "../assets/static-asset.ts";

/** Who publishes the site: the name and logo in every page's header, and the favicon. */
export interface SiteIdentity {
  /** The organization running the site (熊本市); null: only the product's name is shown. */
  organizationName: string | null;
  /** Its name in English (Kumamoto City), for English pages; null: the Japanese name, marked `lang="ja"`. */
  organizationNameEn: string | null;
  logo: StaticAsset | null;
  favicon: StaticAsset;
  /** A hash of all of the above, part of every page's ETag: a new name or logo is a new page. */
  fingerprint: string;
}

const IMAGE_TYPES: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};
/** Larger than any reasonable logo; refused rather than kept in memory and sent on every first visit. */
const MAX_IMAGE_BYTES = 512 * 1024;
const MAX_NAME_LENGTH = 60;

/**
 * The site's identity from the environment, read and checked once at start:
 * `SHINCHOKU_ORG_NAME` (and `SHINCHOKU_ORG_NAME_EN`), `SHINCHOKU_ORG_LOGO` (an SVG or PNG file)
 * and `SHINCHOKU_FAVICON` (SVG, PNG or ICO). Every problem is returned, each naming its variable.
 * @example siteIdentityFromEnv({ SHINCHOKU_ORG_NAME: "熊本市" }).identity.organizationName // "熊本市"
 */
export function siteIdentityFromEnv(env: NodeJS.ProcessEnv): {
  identity: SiteIdentity;
  problems: Array<{ field: string; message: string }>;
} {
  const problems: Array<{ field: string; message: string }> = [];
  const name = (field: string): string | null => {
    const value = env[field]?.trim() ?? "";
    if (value === "") return null;
    if (Array.from(value).length > MAX_NAME_LENGTH || /[\p{Cc}]/u.test(value)) {
      problems.push({
        field,
        message: `${field}「${value}」: ${MAX_NAME_LENGTH}文字以内の1行で指定してください`,
      });
      return null;
    }
    return value;
  };
  const image = (field: string, path: string, extensions: readonly string[]) => {
    const file = env[field]?.trim() ?? "";
    if (file === "") return null;
    const type = IMAGE_TYPES[extname(file).toLowerCase()];
    if (!type || !extensions.includes(extname(file).toLowerCase())) {
      problems.push({
        field,
        message: `${field}「${file}」: ${extensions.join("、")} のファイルを指定してください`,
      });
      return null;
    }
    try {
      const size = statSync(file).size;
      if (size > MAX_IMAGE_BYTES) {
        problems.push({
          field,
          message: `${field}「${file}」: ${size} バイトあります（${MAX_IMAGE_BYTES} バイトまで）`,
        });
        return null;
      }
      return staticAsset(`${path}${extname(file).toLowerCase()}`, readFileSync(file), type);
    } catch (error) {
      problems.push({
        field,
        message: `${field}「${file}」: 読み込めません（${(error as NodeJS.ErrnoException).code ?? "error"}）`,
      });
      return null;
    }
  };
  const organizationName = name("SHINCHOKU_ORG_NAME");
  const organizationNameEn = name("SHINCHOKU_ORG_NAME_EN");
  const logo = image("SHINCHOKU_ORG_LOGO", "/assets/logo", [".svg", ".png"]);
  const favicon = image("SHINCHOKU_FAVICON", "/assets/favicon", [".svg", ".png", ".ico"]);
  const identity = siteIdentity({ organizationName, organizationNameEn, logo, favicon });
  return { identity, problems };
}

/** An identity from its parts, with its fingerprint. */
export function siteIdentity(parts: {
  organizationName?: string | null;
  organizationNameEn?: string | null;
  logo?: StaticAsset | null;
  favicon?: StaticAsset | null;
}): SiteIdentity {
  const organizationName = parts.organizationName ?? null;
  const organizationNameEn = parts.organizationNameEn ?? null;
  const logo = parts.logo ?? null;
  const favicon = parts.favicon ?? DEFAULT_FAVICON;
  const fingerprint = [organizationName, organizationNameEn, logo?.version, favicon.version]
    .map((part) => part ?? "")
    .join("\u0000");
  return { organizationName, organizationNameEn, logo, favicon, fingerprint };
}

/** The product's name only, and the shipped favicon. */
export const DEFAULT_SITE_IDENTITY: SiteIdentity = siteIdentity({});

let current: SiteIdentity = DEFAULT_SITE_IDENTITY;

/**
 * The identity every page's frame is drawn with. It is a setting of the process, like the CSP:
 * `createApp` sets it, so one process serves one site (two apps in one process share the last
 * one set).
 */
export function currentSiteIdentity(): SiteIdentity {
  return current;
}

export function useSiteIdentity(identity: SiteIdentity): void {
  current = identity;
}
