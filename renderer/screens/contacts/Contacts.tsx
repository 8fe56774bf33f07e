import { useStore } from '../../store';
import { ContactPage } from './ContactPage';
import { ContactsList } from './ContactsList';

/** The Contacts section: the list, or one contact's page. */
export function Contacts() {
  const openId = useStore((s) => s.openContactId);
  return openId ? <ContactPage key={openId} id={openId} /> : <ContactsList />;
}
