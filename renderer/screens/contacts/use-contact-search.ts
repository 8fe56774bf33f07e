import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactListItemDto, Page } from '../../../shared/dto/index';
import { api } from '../../api';
import type { ContactsFilter } from '../../store/records-slice';

export const CONTACTS_PAGE_SIZE = 100;

/** What is known of one filter's results: pages arrive as their rows scroll into view. */
export interface ContactListing {
  filter: ContactsFilter;
  total: number;
  totalIsFloor: boolean;
  /** Set once a short page shows where the results end. */
  end: number | null;
  /** The furthest page that came back full. */
  furthestFull: number;
  pages: ReadonlyMap<number, readonly ContactListItemDto[]>;
}

/**
 * `pages` pages from `page` on, in one call. `after`: the previous page's last row, when it
 * is loaded, so the core reads on from it instead of counting `offset` rows.
 */
function searchInput(f: ContactsFilter, page: number, after?: string, pages = 1) {
  return {
    query: f.query.trim() || undefined,
    organisationId: f.organisation?.id,
    eventId: f.event?.id,
    country: f.country || undefined,
    archived: f.archived,
    limit: pages * CONTACTS_PAGE_SIZE,
    offset: page * CONTACTS_PAGE_SIZE,
    after,
  };
}

function withPage(l: ContactListing, n: number, page: Page<ContactListItemDto>): ContactListing {
  const full = page.items.length === CONTACTS_PAGE_SIZE;
  return {
    ...l,
    pages: new Map(l.pages).set(n, page.items),
    end: full ? l.end : n * CONTACTS_PAGE_SIZE + page.items.length,
    furthestFull: full ? Math.max(l.furthestFull, n) : l.furthestFull,
  };
}

function firstPage(filter: ContactsFilter, page: Page<ContactListItemDto>): ContactListing {
  const empty: ContactListing = { filter, total: page.total, totalIsFloor: page.totalIsFloor === true, end: null, furthestFull: -1, pages: new Map() };
  return withPage(empty, 0, page);
}

/**
 * How many rows the list is tall for. A broad search is counted only up to the core's
 * cap, so past it the list grows a page at a time until a short page marks the end.
 */
export function rowCount(l: ContactListing): number {
  if (l.end !== null) return l.end;
  return l.totalIsFloor ? Math.max(l.total, (l.furthestFull + 2) * CONTACTS_PAGE_SIZE) : l.total;
}

/** The number to show, and whether it is only a floor ("1,000+ contacts"). */
export function shownCount(l: ContactListing): { count: number; atLeast: boolean } {
  return { count: l.end ?? l.total, atLeast: l.end === null && l.totalIsFloor };
}

export function rowAt(l: ContactListing, index: number): ContactListItemDto | undefined {
  return l.pages.get(Math.floor(index / CONTACTS_PAGE_SIZE))?.[index % CONTACTS_PAGE_SIZE];
}

type FirstAnswer = { page: Page<ContactListItemDto> } | { error: unknown };

/** Searches for the latest filter; while one search is on its way, newer filters replace each other and only the last follows. */
function searchLatest(latest: { current: ContactsFilter }, searching: { current: boolean }, show: (f: ContactsFilter, answer: FirstAnswer) => void): void {
  const f = latest.current;
  searching.current = true;
  const settle = (answer: FirstAnswer) => {
    searching.current = false;
    if (latest.current === f) show(f, answer);
    else searchLatest(latest, searching, show);
  };
  api.call('contacts.search', searchInput(f, 0)).then(
    (page) => settle({ page }),
    (error: unknown) => settle({ error }),
  );
}

/**
 * The register seen through `filter`, one page of 100 at a time and only the pages the
 * list asks for (`loadRows`), so 100,000 contacts cost no more than 100. No debounce: a
 * keystroke queries at once, unless a search is already on its way; then only the
 * latest filter follows it, so fast typing never queues stale searches in the core.
 * An answer to anything but the latest filter is dropped.
 */
export function useContactSearch(filter: ContactsFilter) {
  const [listing, setListing] = useState<ContactListing | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(filter);
  const searching = useRef(false);
  const inFlight = useRef(new Set<number>());

  /** Pages `n` to `n + count - 1`, in one call: the core counts an offset once, and the list is drawn once. */
  const fetchPages = useCallback((f: ContactsFilter, n: number, count: number, after: string | undefined) => {
    const pages = Array.from({ length: count }, (_, i) => n + i);
    for (const p of pages) inFlight.current.add(p);
    api.call('contacts.search', searchInput(f, n, after, count)).then(
      (answer) => {
        if (latest.current !== f) return;
        for (const p of pages) inFlight.current.delete(p);
        setError(null);
        setListing((l) => {
          if (l?.filter !== f) return l;
          for (const [i, p] of pages.entries()) {
            const items = answer.items.slice(i * CONTACTS_PAGE_SIZE, (i + 1) * CONTACTS_PAGE_SIZE);
            l = withPage(l, p, { ...answer, items });
            // A short page is where the results end: the pages after it hold nothing.
            if (items.length < CONTACTS_PAGE_SIZE) break;
          }
          return l;
        });
      },
      (e: unknown) => {
        if (latest.current !== f) return;
        for (const p of pages) inFlight.current.delete(p);
        setError(e);
      },
    );
  }, []);

  const show = useCallback((f: ContactsFilter, answer: FirstAnswer) => {
    setError('error' in answer ? answer.error : null);
    // Without its first page the list has nothing true to show for this filter.
    setListing('page' in answer ? firstPage(f, answer.page) : null);
  }, []);

  useEffect(() => {
    latest.current = filter;
    inFlight.current = new Set();
    if (!searching.current) searchLatest(latest, searching, show);
  }, [filter, show]);

  const loadRows = useCallback(
    (first: number, last: number) => {
      // Rows of an older filter stay on screen until the new answer comes; never page them.
      if (!listing || listing.filter !== latest.current) return;
      const lastPage = Math.floor(last / CONTACTS_PAGE_SIZE);
      for (let n = Math.floor(first / CONTACTS_PAGE_SIZE); n <= lastPage; n++) {
        if (listing.pages.has(n) || inFlight.current.has(n)) continue;
        // The missing pages in a row from here (a jump deep into the list often shows two).
        let count = 1;
        while (n + count <= lastPage && !listing.pages.has(n + count) && !inFlight.current.has(n + count)) count++;
        const before = listing.pages.get(n - 1);
        fetchPages(listing.filter, n, count, before?.length === CONTACTS_PAGE_SIZE ? before.at(-1)!.id : undefined);
        n += count - 1;
      }
    },
    [listing, fetchPages],
  );

  return { listing, error, loadRows, stale: listing?.filter !== filter };
}
