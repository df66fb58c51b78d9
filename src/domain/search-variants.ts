import { foldForSearch, type SearchTerm, searchTerm } from "./search-tokens.ts";

/**
 * Notational variants (表記ゆれ) common in municipal text: spellings a reader takes for the same
 * words. A query is expanded to any of them; the stored text is never changed, so a page still
 * shows what the city wrote. docs/search-variants.md is this table for people. Pure, no I/O.
 */
export interface VariantGroup {
  /** Stable id; a plan names the opt-in groups it wants by it. */
  id: string;
  /** The spellings, as written; folded like the index (NFKC, katakana as hiragana) when used. */
  forms: readonly string[];
  /** Applied only where the plan opts in: the forms are not the same thing everywhere. */
  optIn: boolean;
}

export const SEARCH_VARIANT_GROUPS: readonly VariantGroup[] = [
  { id: "disability", forms: ["障害", "障がい", "障碍"], optIn: false },
  { id: "child", forms: ["子ども", "子供", "こども"], optIn: false },
  // 取り組 also finds the verb (取り組む); 取組 is found inside 取組み by the index itself.
  { id: "effort", forms: ["取り組み", "取組み", "取り組", "取組"], optIn: false },
  // A 保育所 (licensed day-care centre) and a 保育園 are the same in most cities' usage, but not
  // in every plan: some name only some facilities 保育園.
  { id: "nursery", forms: ["保育所", "保育園"], optIn: true },
];

/** Spellings of one term at most (the term itself included), however many groups it touches. */
export const MAX_SPELLINGS = 9;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

const FOLDED_GROUPS = SEARCH_VARIANT_GROUPS.map((group) => {
  // Longest first, so that 取り組み is read as itself, not as 取り組 + み.
  const forms = [...new Set(group.forms.map(foldForSearch))].sort((a, b) => b.length - a.length);
  return { ...group, forms, pattern: new RegExp(forms.map(escapeRegExp).join("|"), "gu") };
});

/**
 * The spellings of a folded run: each variant group found in it is written each of its ways
 * (all occurrences alike), the run itself first.
 * @example spellingsOf("障害者") // ["障害者", "障がい者", "障碍者"]
 */
export function spellingsOf(run: string, optedIn: readonly string[] = []): string[] {
  let spellings = [run];
  for (const group of FOLDED_GROUPS) {
    if (group.optIn && !optedIn.includes(group.id)) continue;
    const next: string[] = [];
    for (const spelling of spellings) {
      const parts = spelling.split(group.pattern);
      if (parts.length === 1) next.push(spelling);
      else for (const form of group.forms) next.push(parts.join(form));
    }
    // The spelling as typed stays first.
    spellings = [...new Set(next)].sort((a, b) => Number(b === run) - Number(a === run));
    if (spellings.length >= MAX_SPELLINGS) {
      spellings = spellings.slice(0, MAX_SPELLINGS);
      break;
    }
  }
  return spellings;
}

/**
 * A query's terms with their variants: each term then matches where any of its spellings does.
 * Groups marked `optIn` apply only when named in `optedIn` (a plan's setting).
 * @example withVariants(queryGrams("子ども")).at(0)?.variants?.map((v) => v.text) // ["こども", "子供"]
 */
export function withVariants(
  terms: readonly SearchTerm[],
  optedIn: readonly string[] = [],
): SearchTerm[] {
  return terms.map((term) => {
    const others = spellingsOf(term.text, optedIn).filter((s) => s !== term.text);
    return others.length === 0 ? term : { ...term, variants: others.map(searchTerm) };
  });
}

/** A plan's stored opt-in groups (JSON list of ids), read back; none when absent or unreadable. */
export function optedInVariants(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value)
      ? value.filter((id): id is string =>
          SEARCH_VARIANT_GROUPS.some((g) => g.id === id && g.optIn),
        )
      : [];
  } catch {
    return [];
  }
}
