import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The page frame: language, skip link, header, main landmark, footer. No script at all. */
export function layout(page: {
  title: string;
  body: Content;
  breadcrumbs?: Array<{ href: string; label: string }>;
}) {
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}｜Shinchoku 進捗</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header">
  <p class="site-name"><a href="/">Shinchoku 進捗</a></p>
  ${
    page.breadcrumbs && page.breadcrumbs.length > 0
      ? html`<nav aria-label="パンくずリスト"><ol class="breadcrumbs">${page.breadcrumbs.map(
          (b) => html`<li><a href="${b.href}">${b.label}</a></li>`,
        )}<li aria-current="page">${page.title}</li></ol></nav>`
      : ""
  }
</header>
<main id="main" tabindex="-1">
${page.body}
</main>
<footer class="site-footer"><p>Shinchoku — 行程表と進捗状況の公開（MIT ライセンスのオープンソース）</p></footer>
</body>
</html>`;
}
