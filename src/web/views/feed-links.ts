import { html } from "hono/html";
import { defineMessages, type Lang } from "../i18n/messages.ts";

const feedText = defineMessages(
  {
    heading: "更新情報（Atom フィード）",
    intro: "フィードリーダーに登録すると、公表や変更を受け取れます。",
  },
  {
    heading: "Updates (Atom feeds)",
    intro: "Add a feed to a feed reader to hear of publications and changes.",
  },
);

/** A page's feeds, for the layout's `<link rel="alternate">` and the visible list. */
export type FeedLink = { href: string; title: string };

/** The feeds of a plan's pages. */
export const planFeeds = {
  publications: (slug: string, title: string): FeedLink => ({
    href: `/plans/${encodeURIComponent(slug)}/feed.atom`,
    title: `${title}の公表（Atom）`,
  }),
  item: (slug: string, number: number): FeedLink => ({
    href: `/plans/${encodeURIComponent(slug)}/items/${number}/feed.atom`,
    title: `No.${number} の進捗状況の変更（Atom）`,
  }),
  measure: (slug: string, code: string, title: string): FeedLink => ({
    href: `/plans/${encodeURIComponent(slug)}/measures/${encodeURIComponent(code)}/feed.atom`,
    title: `${title}の変更（Atom）`,
  }),
  organization: (code: string, name: string): FeedLink => ({
    href: `/orgs/${encodeURIComponent(code)}/feed.atom`,
    title: `${name}の計画の公表（Atom）`,
  }),
  search: (path: string, q: string): FeedLink => ({
    href: `${path}/feed.atom?q=${encodeURIComponent(q)}`,
    title: `「${q}」の検索結果（Atom）`,
  }),
};

/**
 * The feeds as a visible list of links (the `<link>` elements are not shown by browsers). The
 * feeds and their titles are Japanese, as the plans are: on an English page they are marked so.
 */
export function feedLinkList(lang: Lang, feeds: readonly FeedLink[]) {
  if (feeds.length === 0) return "";
  return html`<section class="feeds" aria-labelledby="feeds-heading">
<h2 id="feeds-heading">${feedText(lang, "heading")}</h2>
<p>${feedText(lang, "intro")}</p>
<ul class="feed-links">${feeds.map((f) => html`<li><a href="${f.href}" type="application/atom+xml"${lang === "ja" ? "" : html` lang="ja"`}>${f.title}</a></li>`)}</ul>
</section>`;
}
