import type { Slice } from './types';

export type ArchivedFilter = 'exclude' | 'only' | 'include';

/** What the contacts list is narrowed to; a name travels with an id so the chip can say it. */
export interface ContactsFilter {
  query: string;
  organisation: { id: string; name: string } | null;
  event: { id: string; name: string } | null;
  country: string;
  archived: ArchivedFilter;
}

export const emptyContactsFilter: ContactsFilter = { query: '', organisation: null, event: null, country: '', archived: 'exclude' };

export interface RecordsSlice {
  contactsFilter: ContactsFilter;
  /** The contact page shown inside the Contacts section, or null for the list. */
  openContactId: string | null;
  setContactsFilter(patch: Partial<ContactsFilter>): void;
  /** From another screen ("People", "Participants"): the list, narrowed to one thing. */
  showContacts(patch: Partial<ContactsFilter>): void;
  openContact(id: string | null): void;
}

export const createRecordsSlice: Slice<RecordsSlice> = (set, get) => ({
  contactsFilter: emptyContactsFilter,
  openContactId: null,
  setContactsFilter: (patch) => set((s) => ({ contactsFilter: { ...s.contactsFilter, ...patch } })),
  showContacts(patch) {
    set({ contactsFilter: { ...emptyContactsFilter, ...patch }, openContactId: null });
    get().navigate('contacts');
  },
  openContact(id) {
    set({ openContactId: id });
    if (id) get().navigate('contacts');
  },
});
