/**
 * Figures (数値) in a progress narrative, proposed as structured values for a person to confirm.
 * Pure, no I/O.
 *
 * A figure is a count or an amount: 「6,441人」, 「3万1千人以上」, 「約935m」, 「35電停中19電停」
 * (19 of 35), 「235(904自治会中)」 (235 of 904). Dates and ordinals are not figures: era and
 * fiscal years (平成25年度, H25年), months and days (9月, 4月1日, 9、10月), times of day, ordinals
 * (第2回, 第3子, 2回目), numbers (3号, 5番) and school years (3年生). Numbers written only in kanji
 * (三件, 四都市) are not read: in these reports they are parts of names. Conditions such as
 * 「3歳未満」 are proposed like any figure; the person confirming drops what is not a result.
 */
export type FigureQualifier = "約" | "以上" | "以下" | "未満" | "超" | "程度" | "余";

export interface Figure {
  /** The text the figure was read from, as printed. */
  text: string;
  value: number;
  /** The whole the value is part of (`19` of `35`). */
  total?: number;
  unit?: string;
  qualifier?: FigureQualifier;
  start: number;
  end: number;
}

// Counters, longest first where one starts another (校区 before 校).
const COUNTERS = (
  "パーセント メートル キロメートル ヘクタール 市町村 自治会 世帯 団体 企業 事業所 " +
  "事業 製品 項目 施設 店舗 地区 地域 路線 系統 種類 校区 校 人泊 人日 人 名 " +
  "件 回 ヶ所 ケ所 カ所 か所 ヵ所 箇所 ヶ月 ケ月 カ月 か月 ヵ月 ヶ国 カ国 " +
  "か国 時間 日間 週間 年間 分間 分 台 品 社 戸 便 本 枚 冊 棟 基 隻 両 " +
  "頭 株 種 点 席 園 店 区 歳 倍 割 億円 万円 千円 円 km ｋｍ m2 ㎡ " +
  "m ｍ ha t kg % ％"
).split(" ");
const COUNTER = `(?:${COUNTERS.join("|")})`;
// Any other unit: a short run of kanji or katakana (電停), never 中 ("out of") or a qualifier.
const OTHER_UNIT = "(?:(?!中|以上|以下|未満|程度)[一-龥ァ-ヶー]){1,3}";
// Commas only as thousands separators: 「23,24日」 is a list of days, not 2324.
const DIGITS =
  "(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)(?:[.．][0-9０-９]+)?";
const NUMBER = `(?<![0-9０-９,，.．])${DIGITS}(?:[万千百億](?:${DIGITS})?)*(?![0-9０-９])`;
const UNIT = `(?:${COUNTER}|${OTHER_UNIT})`;

const FIGURE = new RegExp(
  [
    "(?<prefix>約|およそ|概ね)?",
    // 「35電停中19電停」: the whole, 中, then the part.
    `(?:(?<whole>${NUMBER})(?<wholeUnit>${UNIT})?(?:中|のうち)(?=[0-9０-９]))?`,
    `(?<number>${NUMBER})`,
    // 「235(904自治会中)」: the whole in brackets after the part.
    `(?:[(（](?<inner>${NUMBER})(?<innerUnit>${UNIT})?中[)）])?`,
    `(?<unit>${UNIT})?`,
    "(?<suffix>以上|以下|未満|超|程度|余り?)?",
  ].join(""),
  "dgu",
);

// What makes a number a date, a time, an ordinal or a number in a name rather than a figure.
const DATE_AFTER =
  /^(?:年(?!間)|月(?!間)|日(?!間)|時(?!間)|[回度番]目|号|番|丁目|期|次|条|位|[、,，・～〜~-][0-9０-９]+[年月日])/u;
const DATE_BEFORE = /(?:第|平成|令和|昭和|No\.?|NO\.?|№|[0-9０-９]時)$/u;

/** Digits, commas and the kanji multipliers to a number: "3万1千" → 31000, "6,441" → 6441. */
function readNumber(text: string): number {
  const ascii = text
    .replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,，]/gu, "")
    .replace(/．/gu, ".");
  const large: Record<string, number> = { 億: 1e8, 万: 1e4 };
  const small: Record<string, number> = { 千: 1e3, 百: 1e2 };
  let total = 0;
  let section = 0;
  for (const [, digits, multiplier] of ascii.matchAll(/([0-9.]*)([億万千百]?)/gu)) {
    if (!digits && !multiplier) continue;
    const n = digits ? Number(digits) : 1;
    if (multiplier && large[multiplier]) {
      total += (section + (digits ? n : section === 0 ? 1 : 0)) * large[multiplier];
      section = 0;
    } else if (multiplier && small[multiplier]) section += n * small[multiplier];
    else section += n;
  }
  return total + section;
}

/**
 * Proposes the figures of a narrative, in text order.
 * @example extractFigures("電停改良については35電停中19電停が改良済")
 * // [{ text: "35電停中19電停", value: 19, total: 35, unit: "電停", start: 9, end: 18 }]
 * @example extractFigures("認知症サポーターを累計で、3万1千人以上認定済")[0]
 * // { text: "3万1千人以上", value: 31000, unit: "人", qualifier: "以上", … }
 */
export function extractFigures(narrative: string): Figure[] {
  const figures: Figure[] = [];
  for (const m of narrative.matchAll(FIGURE)) {
    const g = m.groups ?? {};
    const at = m.indices?.groups?.number;
    if (g.number === undefined || at === undefined) continue;
    if (DATE_AFTER.test(narrative.slice(at[1])) || DATE_BEFORE.test(narrative.slice(0, at[0]))) {
      continue;
    }
    const figure: Figure = {
      text: m[0],
      value: readNumber(g.number),
      start: m.index,
      end: m.index + m[0].length,
    };
    const whole = g.whole ?? g.inner;
    if (whole !== undefined) figure.total = readNumber(whole);
    const unit = g.unit ?? g.wholeUnit ?? g.innerUnit;
    if (unit !== undefined) figure.unit = unit;
    const qualifier = g.prefix ? "約" : g.suffix?.startsWith("余") ? "余" : g.suffix;
    if (qualifier !== undefined) figure.qualifier = qualifier as FigureQualifier;
    figures.push(figure);
  }
  return figures;
}
