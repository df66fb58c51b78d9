import { z } from "zod";

/** Items per page when `per_page` is not given, and at most. */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

/** `?page=&per_page=`: page from 1, per_page 1–100. */
export const pagingShape = {
  page: z.coerce
    .number({ error: "1以上の整数にしてください" })
    .int({ error: "1以上の整数にしてください" })
    .min(1, { error: "1以上の整数にしてください" })
    .max(1_000_000, { error: "1000000以下にしてください" })
    .optional(),
  per_page: z.coerce
    .number({ error: `1〜${MAX_PER_PAGE}の整数にしてください` })
    .int({ error: `1〜${MAX_PER_PAGE}の整数にしてください` })
    .min(1, { error: `1〜${MAX_PER_PAGE}の整数にしてください` })
    .max(MAX_PER_PAGE, { error: `1〜${MAX_PER_PAGE}の整数にしてください` })
    .optional(),
};

export interface Paging {
  page: number;
  perPage: number;
  offset: number;
}

/** The page asked for (defaults filled in) and the offset of its first item. */
export function paging(query: {
  page?: number | undefined;
  per_page?: number | undefined;
}): Paging {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? DEFAULT_PER_PAGE;
  return { page, perPage, offset: (page - 1) * perPage };
}

/** The paging members of a list's body: a page past the last is empty, not an error. */
export function pageInfo(p: Paging, total: number) {
  return {
    total,
    page: p.page,
    perPage: p.perPage,
    pageCount: Math.max(1, Math.ceil(total / p.perPage)),
  };
}

/**
 * The `Link` header of a page (RFC 8288): first, last, and prev / next where they exist, each
 * the request's own URL with only `page` changed (and `per_page` kept).
 * @example c.header("Link", pageLinks(c.req.url, p, total));
 */
export function pageLinks(requestUrl: string, p: Paging, total: number): string {
  const url = new URL(requestUrl);
  const { pageCount } = pageInfo(p, total);
  const at = (page: number) => {
    const u = new URL(url);
    u.searchParams.set("page", String(page));
    return `${u.pathname}${u.search}`;
  };
  const links: Array<[string, number]> = [["first", 1]];
  if (p.page > 1) links.push(["prev", Math.min(p.page - 1, pageCount)]);
  if (p.page < pageCount) links.push(["next", p.page + 1]);
  links.push(["last", pageCount]);
  return links.map(([rel, page]) => `<${at(page)}>; rel="${rel}"`).join(", ");
}
