import { checkDigit } from "../domain/organization-code.ts";
import { PREFECTURE_SHARES, type PrefectureShare } from "./prefecture-shares.ts";
import { SeededRandom, seedOf } from "./seeded-random.ts";

export interface GeneratedOrganization {
  /** 全国地方公共団体コード with its check digit. */
  code: string;
  name: string;
  prefectureCode: string;
}

// Place-name-like pieces: two make a name (高岡, 美浜), sometimes three (南大川).
const HEADS = [..."高大小北南東西中上下新本古長広若青白黒赤金銀宮神山川田野原"] as const;
const PIECES = [
  ..."岡浜津島沢崎浦井谷野原田川山森松木本宮里倉瀬江戸尾根坂部賀佐和泉淵",
  ..."城塚橋口石生代庄条郷海湊瀧雲鶴鷹熊鹿桜梅竹菊葉花春秋夏朝日月星豊栄富福吉美清",
] as const;

/** At most this many organizations: every prefecture has codes 201–999 (less the x00 ones). */
export const MAX_ORGANIZATIONS = PREFECTURE_SHARES.length * 780;

/**
 * `count` organizations spread over the prefectures in proportion to their municipalities
 * (at least one each once there are 47; fewer than 47 take evenly spaced prefectures), with
 * valid codes (cities 201…, towns and villages 301…; never a designated city's x100) and names
 * that never repeat. Codes depend on `count` only; names also on the seed.
 * @example generateOrganizations(1741, 1).length // 1741, 179 of them in 北海道 (01…)
 */
export function generateOrganizations(count: number, seed: number): GeneratedOrganization[] {
  const random = new SeededRandom(seedOf(seed, "organizations"));
  const taken = new Set<string>();
  const result: GeneratedOrganization[] = [];
  for (const [prefecture, n] of apportion(count)) {
    const cities = Math.max(1, Math.round(n * 0.45));
    let town = 301;
    for (let j = 0; j < n; j++) {
      let number: number;
      if (j < cities) number = 201 + j;
      else {
        if (town % 100 === 0) town++;
        number = town++;
      }
      const five = `${prefecture.code}${String(number).padStart(3, "0")}`;
      const suffix = j < cities ? "市" : random.chance(0.78) ? "町" : "村";
      let name = "";
      while (name === "" || taken.has(name)) name = placeName(random, taken.size) + suffix;
      taken.add(name);
      result.push({ code: `${five}${checkDigit(five)}`, name, prefectureCode: prefecture.code });
    }
  }
  return result;
}

function placeName(random: SeededRandom, used: number): string {
  // Three pieces once the two-piece names grow crowded.
  const three = random.chance(used > 2500 ? 0.6 : 0.12);
  const head = random.chance(0.4) ? random.pick(HEADS) : random.pick(PIECES);
  return head + random.pick(PIECES) + (three ? random.pick(PIECES) : "");
}

/** How many organizations each prefecture gets (largest remainder; at least one each). */
function apportion(count: number): Array<[PrefectureShare, number]> {
  const all = PREFECTURE_SHARES;
  if (count < all.length) {
    return Array.from({ length: count }, (_, i) => [
      all[Math.floor(((i + 0.5) * all.length) / count)] as PrefectureShare,
      1,
    ]);
  }
  const total = all.reduce((n, p) => n + p.municipalities, 0);
  const exact = all.map((p) => (count * p.municipalities) / total);
  const counts = exact.map((x) => Math.floor(x));
  let left = count - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  // Every prefecture has at least one: taken from the one with most at that moment.
  for (let i = 0; i < counts.length; i++) {
    if ((counts[i] ?? 0) > 0) continue;
    const most = counts.indexOf(Math.max(...counts));
    counts[most] = (counts[most] ?? 0) - 1;
    counts[i] = 1;
  }
  return all.map((p, i) => [p, counts[i] ?? 0]);
}
