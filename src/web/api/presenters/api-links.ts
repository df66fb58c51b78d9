/** The API's own paths, for the `links` of every resource. */
export const API_ROOT = "/api/v1";

const seg = (s: string) => encodeURIComponent(s);

export const apiLinks = {
  plans: () => `${API_ROOT}/plans`,
  plansOf: (organizationCode: string) => `${API_ROOT}/plans?organization=${seg(organizationCode)}`,
  plan: (slug: string) => `${API_ROOT}/plans/${seg(slug)}`,
  tree: (slug: string, asOf?: string) =>
    `${API_ROOT}/plans/${seg(slug)}/tree${asOf ? `?period=${seg(asOf)}` : ""}`,
  periods: (slug: string) => `${API_ROOT}/plans/${seg(slug)}/periods`,
  measures: (slug: string) => `${API_ROOT}/plans/${seg(slug)}/measures`,
  measure: (slug: string, code: string) => `${API_ROOT}/plans/${seg(slug)}/measures/${seg(code)}`,
  progress: (slug: string, code: string) =>
    `${API_ROOT}/plans/${seg(slug)}/measures/${seg(code)}/progress`,
  draft: (slug: string, code: string) =>
    `${API_ROOT}/plans/${seg(slug)}/measures/${seg(code)}/draft`,
  search: (slug: string) => `${API_ROOT}/plans/${seg(slug)}/search`,
};
