import { useCallback, useEffect, useState } from 'react';
import type { ContactListItemDto } from '../../../shared/dto';
import { api } from '../../api';
import type { ContactsFilter } from '../../store/records-slice';
import { useDebounced } from '../../use-debounced';

export const CONTACTS_PAGE_SIZE = 100;

interface Results {
  items: ContactListItemDto[];
  total: number;
  loaded: boolean;
  error: unknown;
}

function searchInput(f: ContactsFilter, offset: number) {
  return {
    query: f.query.trim() || undefined,
    organisationId: f.organisation?.id,
    eventId: f.event?.id,
    country: f.country || undefined,
    archived: f.archived,
    limit: CONTACTS_PAGE_SIZE,
    offset,
  };
}

/**
 * One page of 100 at a time, never the whole register: with 100,000 contacts the list
 * grows only as far as the user asks ("Show more"). Typing is debounced; an answer to an
 * older query is dropped.
 */
export function useContactSearch(filter: ContactsFilter) {
  const settled = useDebounced(filter, 150);
  const [results, setResults] = useState<Results>({ items: [], total: 0, loaded: false, error: null });
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api.call('contacts.search', searchInput(settled, 0)).then(
      (page) => current && setResults({ items: page.items, total: page.total, loaded: true, error: null }),
      (error: unknown) => current && setResults((r) => ({ ...r, loaded: true, error })),
    );
    return () => {
      current = false;
    };
  }, [settled, reloads]);

  const showMore = useCallback(async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.call('contacts.search', searchInput(settled, results.items.length));
      setResults((r) => {
        const seen = new Set(r.items.map((c) => c.id));
        return { ...r, items: [...r.items, ...page.items.filter((c) => !seen.has(c.id))], total: page.total };
      });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [settled, results.items.length]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { ...results, showMore, loadingMore, moreError, reload, stale: settled !== filter };
}
