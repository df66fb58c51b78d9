import { apiLinks } from "./api-links.ts";

/** An organization as the API gives it: code (全国地方公共団体コード), name, its plans. */
export function presentOrganization(row: { code: string; name: string; planCount: number }) {
  return {
    code: row.code,
    name: row.name,
    planCount: row.planCount,
    links: { plans: apiLinks.plansOf(row.code) },
  };
}
