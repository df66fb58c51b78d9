import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";

/** RFC 3339 date-time, as Atom's dates must be (RFC 4287 §3.3). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/u;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["entry", "link", "author"].includes(name),
  processEntities: true,
});

type Text = string | { "#text"?: string; "@type"?: string };
const textOf = (value: Text | undefined): string =>
  typeof value === "string" ? value : String(value?.["#text"] ?? "");

export interface ParsedEntry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
}

/**
 * An Atom document read back by a parser that is not its writer, checked against what RFC 4287
 * requires: the feed's id, title, updated and author (or an author in every entry), a self
 * link; each entry's id, title, updated and a link; ids unique; dates RFC 3339.
 * @returns the feed's entries, titles and summaries as a reader shows them (HTML decoded).
 */
export function checkAtom(xml: string): { title: string; id: string; entries: ParsedEntry[] } {
  assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>/u);
  const doc = parser.parse(xml, true);
  const feed = doc.feed;
  assert.ok(feed, "a feed element");
  assert.equal(feed["@xmlns"], "http://www.w3.org/2005/Atom");
  const id = textOf(feed.id);
  assert.ok(id.length > 0, "feed id");
  assert.doesNotThrow(() => new URL(id), "the feed id is an IRI");
  assert.ok(textOf(feed.title).length > 0, "feed title");
  assert.match(textOf(feed.updated), RFC3339, "feed updated");
  const links: Array<{ "@rel"?: string; "@href": string }> = feed.link ?? [];
  assert.ok(
    links.some((l) => l["@rel"] === "self"),
    "a self link",
  );
  const entries: ParsedEntry[] = (feed.entry ?? []).map(
    (e: Record<string, unknown>): ParsedEntry => {
      const entryLinks = (e.link as Array<{ "@href": string }> | undefined) ?? [];
      const entry = {
        id: textOf(e.id as Text),
        title: decodeHtml(textOf(e.title as Text)),
        updated: textOf(e.updated as Text),
        link: entryLinks[0]?.["@href"] ?? "",
        summary: decodeHtml(textOf(e.summary as Text)),
      };
      assert.ok(entry.id.length > 0, "entry id");
      assert.doesNotThrow(() => new URL(entry.id), `entry id ${entry.id} is an IRI`);
      assert.ok(entry.title.length > 0, `entry title of ${entry.id}`);
      assert.match(entry.updated, RFC3339, `entry updated of ${entry.id}`);
      assert.doesNotThrow(() => new URL(entry.link), `entry link of ${entry.id}`);
      return entry;
    },
  );
  const authors = feed.author ?? [];
  assert.ok(authors.length > 0 && textOf(authors[0].name).length > 0, "feed author");
  const ids = entries.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, "entry ids are unique");
  return { title: textOf(feed.title), id, entries };
}

/** What a reader shows of a `type="html"` text: its entities decoded. */
function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/gu, "<")
    .replace(/&gt;/gu, ">")
    .replace(/&quot;/gu, '"')
    .replace(/&amp;/gu, "&");
}
