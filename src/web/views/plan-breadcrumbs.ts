import type { GroupNode, PlanTree } from "../../domain/plan-tree.ts";
import { type Lang, t } from "../i18n/messages.ts";
import { chainPath, type PlanLinks } from "./plan-links.ts";
import { groupLabel } from "./plan-lookup.ts";

/**
 * The way back from a plan's page: the list of plans, the plan, then every group above the page
 * from its pillar down (the page itself is added by the layout).
 */
export function planBreadcrumbs(
  lang: Lang,
  tree: PlanTree,
  links: PlanLinks,
  above: { groups?: readonly GroupNode[] } = {},
): Array<{ href: string; label: string }> {
  const crumbs = [
    { href: "/", label: t(lang, "plans") },
    { href: links.overview(), label: tree.title },
  ];
  const groups = above.groups ?? [];
  for (const [i, group] of groups.entries())
    crumbs.push({
      href: links.group(chainPath(groups.slice(0, i + 1))),
      label: groupLabel(group),
    });
  return crumbs;
}
