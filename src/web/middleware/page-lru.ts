/** A rendered page as it is sent: plain, and gzipped once when worth it, each with its headers. */
export interface CachedPage {
  body: Uint8Array;
  /** The handler's headers (Content-Type, Content-Disposition…) with the cache's validators. */
  headers: Record<string, string>;
  /** The ETag, Last-Modified, Cache-Control and Vary of this page. */
  validators: Record<string, string>;
  gzip?: Uint8Array;
  gzipHeaders?: Record<string, string>;
}

/**
 * A least-recently-used map of rendered pages, bounded by entries and by bytes. Only an
 * optimization: the key carries the store's data revision, so an entry is never wrong, only
 * unused once the data has moved on.
 */
export class PageLru {
  readonly #pages = new Map<string, CachedPage>();
  #bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.#pages.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): CachedPage | undefined {
    const page = this.#pages.get(key);
    if (page) {
      // Map keeps insertion order: re-inserting makes this the most recently used.
      this.#pages.delete(key);
      this.#pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    if (sizeOf(page) > this.maxBytes / 4) return; // one huge page must not empty the cache
    this.#pages.set(key, page);
    this.#bytes += sizeOf(page);
    this.#trim();
  }

  delete(key: string): void {
    const page = this.#pages.get(key);
    if (!page) return;
    this.#pages.delete(key);
    this.#bytes -= sizeOf(page);
  }

  clear(): void {
    this.#pages.clear();
    this.#bytes = 0;
  }

  #trim(): void {
    for (const key of this.#pages.keys()) {
      if (this.#pages.size <= this.maxEntries && this.#bytes <= this.maxBytes) return;
      this.delete(key);
    }
  }
}

function sizeOf(page: CachedPage): number {
  return page.body.byteLength + (page.gzip?.byteLength ?? 0);
}
