import { html } from "hono/html";
import type { PlanTree } from "../../domain/plan-tree.ts";
import { t } from "../i18n/messages.ts";
import type { PageContext } from "../routes/page-context.ts";
import { layout } from "./layout.ts";
import { planLinks } from "./plan-links.ts";
import { type PlanTextKey, planText } from "./plan-text.ts";

/** A 404 inside a plan (no such item, pillar, area or category), with the way back to the plan. */
export function planNotFoundPage(
  page: PageContext,
  tree: PlanTree,
  what: Extract<PlanTextKey, "notFoundItem" | "notFoundGroup">,
) {
  const { lang } = page;
  const links = planLinks(tree);
  return layout({
    ...page,
    title: t(lang, "notFoundTitle"),
    breadcrumbs: [
      { href: "/", label: t(lang, "plans") },
      { href: links.overview(), label: tree.title },
    ],
    body: html`<h1>${t(lang, "notFoundTitle")}</h1>
<p>${planText(lang, what)}</p>
<ul class="nav-list">
<li><a href="${links.overview()}">${planText(lang, "backToOverview")}（${tree.title}）</a></li>
<li><a href="/">${t(lang, "backToPlans")}</a></li>
</ul>`,
  });
}
