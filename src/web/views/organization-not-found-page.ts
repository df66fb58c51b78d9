import { html } from "hono/html";
import { t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { layout } from "./layout.ts";
import { nationalText, nationalTextWith } from "./national-text.ts";

/** The 404 of `/orgs/:code`: what was asked for, and the way back to the national index. */
export function organizationNotFoundPage(page: PageContext, code: string) {
  const { lang } = page;
  return layout({
    ...page,
    title: t(lang, "notFoundTitle"),
    breadcrumbs: [{ href: "/", label: t(lang, "plans") }],
    body: html`<h1>${t(lang, "notFoundTitle")}</h1>
<p>${nationalTextWith(lang, "organizationNotFound", { code: Array.from(code).slice(0, 40).join("") })}</p>
<p><a href="/">${nationalText(lang, "backToIndex")}</a></p>`,
  });
}
