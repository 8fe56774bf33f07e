import type { Slice } from './types';

export interface RequestsSlice {
  /** The request page shown inside the Requests section, or null for the list. */
  openRequestId: string | null;
  /** From anywhere (a contact's page, a new request just logged): that request's page. */
  openRequest(id: string | null): void;
}

export const createRequestsSlice: Slice<RequestsSlice> = (set, get) => ({
  openRequestId: null,
  openRequest(id) {
    set({ openRequestId: id });
    if (id) get().navigate('requests');
  },
});
