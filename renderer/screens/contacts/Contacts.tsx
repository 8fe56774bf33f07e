import { selectCanWrite, useStore } from '../../store';
import { ContactPage } from './ContactPage';
import { ContactsList } from './ContactsList';
import { ImportContacts } from './import/ImportContacts';

/** The Contacts section: the list, one contact's page, or the CSV import. */
export function Contacts() {
  const openId = useStore((s) => s.openContactId);
  const importing = useStore((s) => s.importingContacts);
  const canWrite = useStore(selectCanWrite);
  if (importing && canWrite) return <ImportContacts />;
  return openId ? <ContactPage key={openId} id={openId} /> : <ContactsList />;
}
