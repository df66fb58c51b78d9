/**
 * Radicals paired with the ideograph a Japanese font draws with the same glyph (the IPAex fonts
 * draw ⻑ and 長, ⻄ and 西, ⺠ and 民 alike); the pairs agree with Unicode's
 * EquivalentUnifiedIdeograph data. The other Kangxi radicals (⽉ ⽬ …) need no entry: NFKC maps
 * them, except ⼾ and ⿊, whose Japanese forms are 戸 and 黒 (NFKC gives 戶 and 黑).
 */
const PAIRS =
  "⼾戸⿊黒⺃乚⺅亻⺉刂⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺘扌⺙攵⺛旡⺞歺⺠民⺡氵⺣灬⺦丬⺨犭⺫罒⺭礻⺲罒⺹耂⺾艹⻁虎⻂衤⻃覀⻄西⻍辶⻏阝⻑長⻒镸⻖阝⻘青⻟飠⻤鬼⻨麦⻩黄⻫斉⻭歯⻯竜⻲亀";

const IDEOGRAPH = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) IDEOGRAPH.set(PAIRS[i] ?? "", PAIRS[i + 1] ?? "");

/** What a report's text stands for where its PDF names no character: げた記号, as our own PDF prints it. */
export const UNREADABLE_MARK = "〓";

/**
 * A font's ToUnicode table names one character per glyph. When a font draws several characters
 * with one glyph, a PDF writer (Chromium's, for one) may name the lowest: 月 comes out as the
 * Kangxi radical ⽉, 長 as ⻑, — (em dash) as U+0336 (combining long stroke overlay). Reports
 * never mean the radicals or a lone overlay, so these are read as what was printed. A control
 * character (a glyph the PDF maps to U+0000) becomes {@link UNREADABLE_MARK}.
 * @example unifyLookAlikes("⽉⻑̶") // "月長—"
 */
export function unifyLookAlikes(text: string): string {
  return text
    .replace(/[\u2e80-\u2eff\u2f00-\u2fdf]/gu, (c) => IDEOGRAPH.get(c) ?? c.normalize("NFKC"))
    .replace(/\u0336/gu, "—")
    .replace(/[\p{Cc}\ufffd]/gu, UNREADABLE_MARK);
}
