import { html } from "hono/html";
import type { Lang } from "../i18n/messages.ts";
import { jaAttr } from "./lang-ja.ts";

/**
 * A status as a badge (the design system's pattern): its name in a pill, coloured by its code
 * for the default scheme, dashed when not set. The name says it all; colour only repeats it.
 * A status name from the plan's scheme is Japanese: marked so on English pages.
 * @example statusBadge("ja", "in_progress", "実施中")
 */
export function statusBadge(
  lang: Lang,
  code: string | null | undefined,
  name: string,
  fromData = true,
) {
  return html`<span class="status-badge" data-status="${code ?? ""}"${fromData && code ? jaAttr(lang) : ""}>${name}</span>`;
}
