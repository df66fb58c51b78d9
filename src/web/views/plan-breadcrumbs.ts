import type { GroupNode, PlanTree } from "../../domain/plan-tree.ts";
import { type Lang, t } from "../i18n/messages.ts";
import type { PlanLinks } from "./plan-links.ts";
import { groupLabel } from "./plan-lookup.ts";

/**
 * The way back from a plan's page: the list of plans, the plan, then the pillar, area and
 * category above the page (the page itself is added by the layout).
 */
export function planBreadcrumbs(
  lang: Lang,
  tree: PlanTree,
  links: PlanLinks,
  above: { pillar?: GroupNode; area?: GroupNode | null; category?: GroupNode | null } = {},
): Array<{ href: string; label: string }> {
  const crumbs = [
    { href: "/", label: t(lang, "plans") },
    { href: links.overview(), label: tree.title },
  ];
  const { pillar, area, category } = above;
  if (pillar)
    crumbs.push({ href: links.group({ pillar: pillar.number }), label: groupLabel(pillar) });
  if (pillar && area)
    crumbs.push({
      href: links.group({ pillar: pillar.number, area: area.number }),
      label: groupLabel(area),
    });
  if (pillar && category)
    crumbs.push({
      href: links.group({
        pillar: pillar.number,
        area: area?.number ?? null,
        category: category.number,
      }),
      label: groupLabel(category),
    });
  return crumbs;
}
