import { useTranslation } from 'react-i18next';
import type { AuditAboutDto } from '../../../shared/dto/index';
import { aboutWords } from '../../audit-words';
import { useStore } from '../../store';

/**
 * What an audit row is about, in words, with a link that opens the record while it exists
 * (a contact, a request). `here` is the contact whose page shows the row: no link to itself.
 */
export function AuditAbout({ about, here }: { about: AuditAboutDto; here?: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useStore((s) => s.navigate);
  const openContact = useStore((s) => s.openContact);
  const openRequest = useStore((s) => s.openRequest);
  const words = aboutWords(t, i18n, about);
  const id = about.id;
  let open: (() => void) | null = null;
  if (id && id !== here && about.type === 'contact') {
    open = () => {
      navigate('contacts');
      openContact(id);
    };
  } else if (id && about.type === 'rights_request') {
    open = () => {
      navigate('requests');
      openRequest(id);
    };
  }
  const state = about.state === 'named' ? undefined : about.state;
  if (!open) {
    return (
      <span className={state ? 'muted' : undefined} data-about={state}>
        {words}
      </span>
    );
  }
  return (
    <button type="button" className="link-button" title={t('audit.about.open', { name: words })} onClick={open} data-about={state}>
      {words}
    </button>
  );
}
