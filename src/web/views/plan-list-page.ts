import { html } from "hono/html";
import { type Lang, t } from "../i18n/messages.ts";
import { layout } from "./layout.ts";

export function planListPage(
  lang: Lang,
  plans: Array<{ slug: string; title: string; organizationName: string; organizationCode: string }>,
) {
  return layout({
    lang,
    path: "/",
    title: t(lang, "plans"),
    body: html`<h1>${t(lang, "plans")}</h1>
${
  plans.length === 0
    ? html`<p>${t(lang, "noPlans")}</p>`
    : html`<ul class="plan-list">${plans.map(
        (p) =>
          html`<li><a href="/plans/${encodeURIComponent(p.slug)}">${p.title}</a>（${p.organizationName}）</li>`,
      )}</ul>`
}`,
  });
}
