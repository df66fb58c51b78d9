import { createRequire } from "node:module";
import { openSync } from "fontkit";

const require = createRequire(import.meta.url);

/**
 * BIZ UDPゴシック (SIL Open Font License) as installed from npm with
 * `@expo-google-fonts/biz-udpgothic`: read from node_modules, never fetched at run time.
 * pdfkit embeds each font as a subset of the glyphs the document uses.
 */
export const REPORT_FONTS = {
  regular: require.resolve(
    "@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf",
  ),
  bold: require.resolve("@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf"),
} as const;

/**
 * The mark printed for a character the font has no glyph for: げた記号, the typesetter's
 * conventional stand-in, so that a reader sees that a character is missing instead of an
 * empty box that looks like a space.
 */
export const MISSING_GLYPH_MARK = "〓";

let covered: ((codePoint: number) => boolean) | undefined;

function hasGlyph(codePoint: number): boolean {
  if (!covered) {
    const fonts = Object.values(REPORT_FONTS).map((path) => {
      const font = openSync(path);
      if (!("hasGlyphForCodePoint" in font)) throw new Error(`not a single font: ${path}`);
      return font;
    });
    covered = (cp) => fonts.every((font) => font.hasGlyphForCodePoint(cp));
  }
  return covered(codePoint);
}

/**
 * The text with every character the report fonts cannot draw replaced by {@link MISSING_GLYPH_MARK}
 * (the model report has a simplified-Chinese 实 in one roadmap cell). Line breaks stay.
 * @example printableText("工事实施") // "工事〓施"
 */
export function printableText(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp < 0x20 || hasGlyph(cp) ? ch : MISSING_GLYPH_MARK;
  }
  return out;
}
