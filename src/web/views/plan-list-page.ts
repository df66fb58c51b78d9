import { html } from "hono/html";
import { layout } from "./layout.ts";

export function planListPage(
  plans: Array<{ slug: string; title: string; organizationName: string; organizationCode: string }>,
) {
  return layout({
    title: "計画の一覧",
    body: html`<h1>計画の一覧</h1>
${
  plans.length === 0
    ? html`<p>公開されている計画はまだありません。</p>`
    : html`<ul class="plan-list">${plans.map(
        (p) =>
          html`<li><a href="/plans/${encodeURIComponent(p.slug)}">${p.title}</a>（${p.organizationName}）</li>`,
      )}</ul>`
}`,
  });
}
