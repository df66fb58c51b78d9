import { html } from "hono/html";
import { layout } from "./layout.ts";

export function notFoundPage(what: string) {
  return layout({
    title: "ページが見つかりません",
    body: html`<h1>ページが見つかりません</h1>
<p>${what}</p>
<p><a href="/">計画の一覧に戻る</a></p>`,
  });
}
