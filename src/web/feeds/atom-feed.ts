import { Feed } from "feed";

/** One entry of a feed: ids are URNs that never change; dates ISO (a day, a month or a time). */
export interface FeedEntry {
  id: string;
  title: string;
  /** Absolute URL of the page the entry is about. */
  link: string;
  updated: string;
  /** Plain text: written escaped, never as markup. */
  summary?: string;
}

export interface FeedDocument {
  id: string;
  title: string;
  /** Who publishes what the feed carries (the organization), Atom's required author. */
  author: string;
  /** Absolute URLs of the feed itself and of the page it follows. */
  self: string;
  page: string;
  entries: readonly FeedEntry[];
  /** When the feed has no entry: the date its `updated` says (the plan's first import…). */
  emptyUpdated: string;
}

/** The feeds' content type. */
export const ATOM_TYPE = "application/atom+xml; charset=utf-8";

// XML 1.0 allows tab, LF, CR and from U+0020 on (no lone surrogates, no U+FFFE/U+FFFF).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text for a `type="html"` element (the feed package writes titles and summaries so): escaped,
 * so that a reader shows `<b>` as typed and never as markup, and without the characters XML
 * cannot carry.
 */
export function feedText(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/gu, "&amp;")
    .replace(/</gu, "&lt;")
    .replace(/>/gu, "&gt;")
    .replace(/"/gu, "&quot;");
}

/**
 * A date of ours as a `Date`: a day (`2013-09-30`) or a month (`2014-03`) is midnight in Tokyo
 * at its start; anything else is read as an ISO date-time.
 */
export function feedDate(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/u.test(value)) return new Date(`${value}T00:00:00+09:00`);
  if (/^\d{4}-\d{2}$/u.test(value)) return new Date(`${value}-01T00:00:00+09:00`);
  return new Date(value);
}

/**
 * An Atom 1.0 document (RFC 4287) through the `feed` package: entries newest first, the feed's
 * `updated` the newest entry's, every text escaped. No generator element: the document names
 * nothing about the server.
 * @example atomFeed({ id: "urn:shinchoku:plan:431001-1:publications", title: "…", self, page, entries, emptyUpdated: "2013-09-30" })
 */
export function atomFeed(doc: FeedDocument): string {
  const entries = [...doc.entries].sort(
    (a, b) =>
      feedDate(b.updated).getTime() - feedDate(a.updated).getTime() || (a.id < b.id ? -1 : 1),
  );
  const feed = new Feed({
    id: doc.id,
    title: doc.title.replace(NOT_XML, ""),
    updated: feedDate(entries[0]?.updated ?? doc.emptyUpdated),
    generator: false,
    author: { name: doc.author.replace(NOT_XML, "") },
    link: doc.page,
    feedLinks: { atom: doc.self },
  });
  for (const entry of entries)
    feed.addItem({
      id: entry.id,
      title: feedText(entry.title),
      link: entry.link,
      date: feedDate(entry.updated),
      ...(entry.summary ? { description: feedText(entry.summary) } : {}),
    });
  return feed.atom1();
}
