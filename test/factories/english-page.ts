const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/**
 * The Japanese left in an English staff page's main content once what is marked `lang="ja"`
 * (elements and their content), attribute values (what was typed) and the staff bar (who is
 * signed in, as their account names them) are taken out: UI text that was not translated.
 * @example assert.deepEqual(untranslatedIn(await page.text()), [])
 */
export function untranslatedIn(page: string): string[] {
  let main = /<main[^>]*>([\s\S]*)<\/main>/u.exec(page)?.[1];
  if (main === undefined) throw new Error("not a page: no <main>");
  main = main.replace(/<div class="staff-bar">[\s\S]*?<\/form><\/div>/u, "");
  // Innermost first, until nothing marked is left (a marked span inside a marked cell).
  for (let before = ""; before !== main; ) {
    before = main;
    main = main.replace(/<(\w+)(?:\s[^>]*)?\slang="ja"[^>]*>(?:(?!<\1[\s>])[\s\S])*?<\/\1>/u, "");
  }
  main = main.replace(/\s[\w-]+="[^"]*"/gu, "");
  return main.match(JAPANESE) ?? [];
}
