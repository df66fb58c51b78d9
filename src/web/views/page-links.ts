import { html } from "hono/html";
import { defineMessages, type Lang } from "../i18n/messages.ts";

const text = defineMessages(
  {
    pagination: "ページ送り",
    previous: "前のページ",
    next: "次のページ",
    pageN: "{n}ページ目",
  },
  {
    pagination: "Pages",
    previous: "Previous page",
    next: "Next page",
    pageN: "Page {n}",
  },
);

/** One page of a list: which page (1…pageCount) of how many. */
export interface PageOfList {
  page: number;
  pageCount: number;
}

/** The page asked for within 1…pageCount: anything else (0, -1, "abc", 99) the nearest page. */
export function pageWithin(asked: unknown, total: number, pageSize: number): PageOfList {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const n = Math.trunc(Number(asked));
  return { page: Math.min(Math.max(1, Number.isFinite(n) ? n : 1), pageCount), pageCount };
}

/**
 * Numbered links to the pages of a list (class `pagination`, styled in style.css): previous,
 * every page when there are nine or fewer, otherwise the first, the last and two either side of
 * this one, and next. The current page is marked `aria-current="page"`; each number is named
 * 「Nページ目」 for screen readers. Nothing when the list has one page.
 * @example pageLinks("ja", { page: 2, pageCount: 5 }, (n) => `/plans/x/indicators?page=${n}`)
 */
export function pageLinks(lang: Lang, at: PageOfList, href: (page: number) => string) {
  const { page, pageCount } = at;
  if (pageCount <= 1) return "";
  const shown = Array.from({ length: pageCount }, (_, i) => i + 1).filter(
    (n) => pageCount <= 9 || n === 1 || n === pageCount || Math.abs(n - page) <= 2,
  );
  const named = (n: number) => text(lang, "pageN").replace("{n}", String(n));
  return html`<nav class="pagination" aria-label="${text(lang, "pagination")}"><ul>
${page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">${text(lang, "previous")}</a></li>` : ""}
${shown.map(
  (n, i) =>
    html`${i > 0 && n - (shown[i - 1] ?? n) > 1 ? html`<li aria-hidden="true"><span>…</span></li>` : ""}<li>${
      n === page
        ? html`<a href="${href(n)}" aria-current="page" aria-label="${named(n)}">${n}</a>`
        : html`<a href="${href(n)}" aria-label="${named(n)}">${n}</a>`
    }</li>`,
)}
${page < pageCount ? html`<li><a href="${href(page + 1)}" rel="next">${text(lang, "next")}</a></li>` : ""}
</ul></nav>`;
}
