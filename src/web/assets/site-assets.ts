import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { staticAsset } from "./static-asset.ts";

const CSS = "text/css; charset=utf-8";

/**
 * The Digital Agency design system's tokens (デジタル庁デザインシステム, `@digital-go-jp/design-tokens`,
 * MIT) as the package ships them: CSS variables for colours, type scale, line heights, radii and
 * elevation, read from node_modules when the server starts, never copied into our sources.
 */
export const DESIGN_TOKENS = staticAsset(
  "/assets/design-tokens.css",
  readFileSync(
    createRequire(import.meta.url).resolve("@digital-go-jp/design-tokens/dist/tokens.css"),
  ),
  CSS,
);

/** The site's own styles, written over the design tokens' variables. */
export const SITE_STYLE = staticAsset(
  "/assets/style.css",
  readFileSync(new URL("./style.css", import.meta.url)),
  CSS,
);

/** The default favicon, drawn for Shinchoku (a bar of progress); `SHINCHOKU_FAVICON` replaces it. */
export const DEFAULT_FAVICON = staticAsset(
  "/assets/favicon.svg",
  readFileSync(new URL("./favicon.svg", import.meta.url)),
  "image/svg+xml",
);
