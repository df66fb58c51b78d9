/** What one line of a plan's contact (お問い合わせ先) holds. */
export type ContactKind = "name" | "address" | "phone" | "fax" | "email" | "url" | "text";

export const CONTACT_KINDS: readonly ContactKind[] = [
  "name",
  "address",
  "phone",
  "fax",
  "email",
  "url",
  "text",
];

/**
 * One line of a plan's contact, as data: the office's name, its address (with the postal code),
 * a phone or fax number, an e-mail address, a web address, or any other text. `value` is plain
 * text: an e-mail address without `mailto:`, a URL as an absolute http(s) address; `label` is a
 * link's own text when it differs from the address.
 */
export interface ContactLine {
  kind: ContactKind;
  value: string;
  label?: string;
}

/** Labels that start a new field, wherever they stand in the text. */
const LABEL =
  /(?=〒|(?:TEL|ＴＥＬ|Tel|電話(?:番号)?|FAX|ＦＡＸ|Fax|ファクス|ファックス|E-?mail|Ｅ－?ｍａｉｌ|メール(?:アドレス)?|URL|ホームページ)\s*[:：]?)/u;
const HEADING = /^(?:お問い?合わ?せ先?|問い?合わ?せ先|連絡先)\s*[:：]?\s*/u;
const MARKDOWN_LINK = /^\[([^\]]*)\]\(([^)\s]*)\)$/u;
/** A field that starts with its label: the label, and what follows it. */
const LABELLED =
  /^(TEL|ＴＥＬ|Tel|電話(?:番号)?|FAX|ＦＡＸ|Fax|ファクス|ファックス|E-?mail|Ｅ－?ｍａｉｌ|メール(?:アドレス)?|URL|ホームページ)\s*[:：]?\s*(.*)$/u;
/** A Markdown link inside other text: split out, to be read on its own. */
const INLINE_LINK = /(\[[^\]\n]{0,500}\]\([^)\s]{0,2000}\))/u;
const EMAIL = /^[^\s@<>"'()[\]]+@[^\s@<>"'()[\]]+\.[^\s@<>"'()[\]]+$/u;

/**
 * Read a contact as printed (lines, or lines joined by spaces) into lines of data. Markdown link
 * syntax (`[a@b.jp](mailto:a@b.jp)`, `[市のサイト](https://…)`) is read as its parts, never kept
 * as brackets. Only `mailto:` addresses and http(s) URLs become e-mail and URL lines; anything
 * else stays text.
 * @example parseContact("お問い合わせ先 熊本市企画課\nTEL : 096-328-2035 / FAX : 096-324-1713")
 * // [{ kind: "name", value: "熊本市企画課" }, { kind: "phone", value: "096-328-2035" }, { kind: "fax", value: "096-324-1713" }]
 */
export function parseContact(text: string): ContactLine[] {
  // No contact is this long: kept whole as text, never split by patterns that could backtrack.
  if (text.length > 20_000) return text.trim() === "" ? [] : [{ kind: "text", value: text.trim() }];
  const parts = text
    .split(/\r?\n|\r/u)
    .flatMap((line) => line.split(LABEL))
    .flatMap((part) => part.split(/\s+[/／]\s+/u))
    .map((part) => part.replace(/\s*[/／]\s*$/u, "").trim())
    .filter((part) => part !== "");
  const lines: ContactLine[] = [];
  for (const [index, raw] of parts.entries()) {
    const part = index === 0 ? raw.replace(HEADING, "") : raw;
    if (part === "") continue;
    const pieces = LABELLED.test(part) ? [part] : part.split(INLINE_LINK);
    for (const piece of pieces.map((p) => p.trim())) {
      if (piece !== "") pushField(lines, fieldOf(piece), index === 0);
    }
  }
  return lines;
}

/** Adds a field, joining a postal code on a line of its own with the street after it. */
function pushField(lines: ContactLine[], line: ContactLine, first: boolean): void {
  {
    const last = lines.at(-1);
    // 〒860-8601 on a line of its own, the street on the next: one address.
    if (
      line.kind === "text" &&
      last?.kind === "address" &&
      /^〒\s*[\d０-９-－‐]+$/u.test(last.value)
    ) {
      last.value = `${last.value} ${line.value}`;
      return;
    }
    // The heading's own line names the office: its first text.
    const named = first && line.kind === "text" && !lines.some((l) => l.kind === "name");
    lines.push(named ? { kind: "name", value: line.value } : line);
  }
}

function fieldOf(part: string): ContactLine {
  if (part.startsWith("〒")) return { kind: "address", value: part };
  const labelled = LABELLED.exec(part);
  const label = labelled?.[1] ?? "";
  const rest = (labelled?.[2] ?? part).trim();
  if (/^(?:TEL|ＴＥＬ|Tel|電話)/u.test(label) && rest !== "") return { kind: "phone", value: rest };
  if (/^(?:FAX|ＦＡＸ|Fax|ファクス|ファックス)/u.test(label) && rest !== "")
    return { kind: "fax", value: rest };
  const link = linkOf(rest);
  if (link) return link;
  return { kind: "text", value: labelled ? part : rest };
}

/** An e-mail address or a URL, bare or as a Markdown link; null for anything else. */
function linkOf(text: string): ContactLine | null {
  // Bounded, so that no pattern below backtracks over a long text: no address is this long.
  if (text.length > 2500) return null;
  const markdown = MARKDOWN_LINK.exec(text);
  const label = (markdown?.[1] ?? text).trim();
  const target = (markdown?.[2] ?? text).trim();
  const email = target.replace(/^mailto:/iu, "");
  if (EMAIL.test(email) && (markdown === null || /^mailto:/iu.test(target) || target === email))
    return withLabel({ kind: "email", value: email }, label);
  const url = httpUrl(target);
  if (url) return withLabel({ kind: "url", value: url }, label);
  // A link we will not follow (another scheme): its text, and where it pointed, as text.
  if (markdown) return { kind: "text", value: target === "" ? label : `${label} ${target}` };
  return null;
}

function withLabel(line: ContactLine, label: string): ContactLine {
  return label === "" || label === line.value || label === `mailto:${line.value}`
    ? line
    : { ...line, label };
}

function httpUrl(text: string): string | null {
  if (!/^https?:\/\//iu.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Where a line links to, or null: `mailto:` for a valid e-mail address, the URL itself for an
 * http(s) URL, `tel:` for a phone number. A line from elsewhere (a JSON import) that claims to be
 * a link but is not one of these is shown as text, never as a link.
 */
export function contactHref(line: ContactLine): string | null {
  if (line.kind === "email") return EMAIL.test(line.value) ? `mailto:${line.value}` : null;
  if (line.kind === "url") return httpUrl(line.value);
  if (line.kind === "phone") return telUri(line.value);
  return null;
}

/** A line as imported from JSON: an e-mail or URL line that is not a valid one becomes text. */
export function checkedContactLine(line: ContactLine): ContactLine {
  if ((line.kind === "email" || line.kind === "url") && contactHref(line) === null)
    return { kind: "text", value: line.label ? `${line.label} ${line.value}` : line.value };
  return line;
}

/** A phone number as a `tel:` URI: digits, `+` and hyphens only (RFC 3966's visual separator). */
export function telUri(phone: string): string | null {
  const digits = phone
    .normalize("NFKC")
    .replace(/[()（）\s‐－ー]/gu, "-")
    .replace(/[^\d+-]/gu, "")
    .replace(/-+/gu, "-")
    .replace(/^-|-$/gu, "");
  return /\d{4,}/u.test(digits.replaceAll("-", "")) ? `tel:${digits}` : null;
}

/** Whether a value is a list of contact lines (the JSON import and the store check with it). */
export function isContactLines(value: unknown): value is ContactLine[] {
  return (
    Array.isArray(value) &&
    value.every(
      (l) =>
        typeof l === "object" &&
        l !== null &&
        CONTACT_KINDS.includes((l as ContactLine).kind) &&
        typeof (l as ContactLine).value === "string" &&
        ((l as ContactLine).label === undefined || typeof (l as ContactLine).label === "string"),
    )
  );
}

/** The stored form (the `plan.contact` column): JSON of the lines, or null. */
export function encodeContact(lines: readonly ContactLine[] | null): string | null {
  return lines && lines.length > 0 ? JSON.stringify(lines) : null;
}

/** The lines of a stored contact; a contact stored as text before migration 011 is read as printed. */
export function decodeContact(stored: string | null): ContactLine[] | null {
  if (stored === null || stored.trim() === "") return null;
  if (stored.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(stored);
      if (isContactLines(parsed)) return parsed;
    } catch {
      // not ours: read it as printed text below
    }
  }
  const lines = parseContact(stored);
  return lines.length > 0 ? lines : null;
}
