/** The licence the open data is published under, with where to read it. */
export interface OpenDataLicence {
  name: string;
  url: string | null;
}

/** Licences a city may name by their short name alone. */
const KNOWN: Record<string, string> = {
  "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/deed.ja",
  "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
  "PDL1.0": "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
};

export const DEFAULT_LICENCE = "CC BY 4.0";

/**
 * The open-data licence, from `SHINCHOKU_LICENCE` (the only place it is read): a known short
 * name (`CC BY 4.0`, the default; `CC0 1.0`; `PDL1.0`) or `名前|https://…` for any other.
 * @example openDataLicence({ SHINCHOKU_LICENCE: "CC0 1.0" }).name // "CC0 1.0"
 */
export function openDataLicence(env: NodeJS.ProcessEnv = process.env): OpenDataLicence {
  const setting = env.SHINCHOKU_LICENCE?.trim() || DEFAULT_LICENCE;
  const [name = "", link] = setting.split("|").map((part) => part.trim());
  const url = link ?? KNOWN[name] ?? null;
  // Only a web address becomes a link: the setting is configuration, not trusted markup.
  return { name: name || DEFAULT_LICENCE, url: url && /^https?:\/\//u.test(url) ? url : null };
}
