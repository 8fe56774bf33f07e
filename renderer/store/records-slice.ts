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
  /** The CSV import shown inside the Contacts section instead of the list. */
  importingContacts: boolean;
  setContactsFilter(patch: Partial<ContactsFilter>): void;
  /** From another screen ("People", "Participants"): the list, narrowed to one thing. */
  showContacts(patch: Partial<ContactsFilter>): void;
  /** Also closes the import: the list and a contact page are both "not importing". */
  openContact(id: string | null): void;
  openImport(): void;
}

export const createRecordsSlice: Slice<RecordsSlice> = (set, get) => ({
  contactsFilter: emptyContactsFilter,
  openContactId: null,
  importingContacts: false,
  setContactsFilter: (patch) => set((s) => ({ contactsFilter: { ...s.contactsFilter, ...patch } })),
  showContacts(patch) {
    set({ contactsFilter: { ...emptyContactsFilter, ...patch }, openContactId: null, importingContacts: false });
    get().navigate('contacts');
  },
  openContact(id) {
    set({ openContactId: id, importingContacts: false });
    if (id) get().navigate('contacts');
  },
  openImport() {
    set({ openContactId: null, importingContacts: true });
    get().navigate('contacts');
  },
});
