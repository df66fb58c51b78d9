import { html } from "hono/html";
import { type Lang, type MessageKey, t } from "../i18n/messages.ts";
import { layout } from "./layout.ts";

/** A 404 page in the reader's language, with a way back (other statuses: error-page.ts). */
export function notFoundPage(lang: Lang, path: string, what: MessageKey) {
  return layout({
    lang,
    path,
    title: t(lang, "notFoundTitle"),
    body: html`<h1>${t(lang, "notFoundTitle")}</h1>
<p>${t(lang, what)}</p>
<p><a href="/">${t(lang, "backToPlans")}</a></p>`,
  });
}
