import { useTranslation } from 'react-i18next';
import type { SharingDto } from '../../../shared/dto/register';
import { formatDate } from '../../format';

/** Partner-sharing entries; the register's log shows whom, the contact page leaves it out. */
export function SharingTable({ items, showContact, onOpenContact }: { items: SharingDto[]; showContact: boolean; onOpenContact?: (id: string) => void }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <div className="table-wrap">
      <table className="table register-table" data-testid="sharing-table">
        <thead>
          <tr>
            <th scope="col">{t('register.sharing.date')}</th>
            {showContact && <th scope="col">{t('register.sharing.contact')}</th>}
            <th scope="col">{t('register.sharing.partner')}</th>
            <th scope="col">{t('register.sharing.activity')}</th>
            <th scope="col">{t('register.sharing.data')}</th>
            <th scope="col">{t('register.sharing.recordedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <td className="nowrap">{formatDate(s.sharedOn)}</td>
              {showContact && (
                <td>
                  {onOpenContact ? (
                    <button type="button" className="link-button" onClick={() => onOpenContact(s.contactId)}>
                      {s.contactName}
                    </button>
                  ) : (
                    s.contactName
                  )}
                </td>
              )}
              <td>
                <strong>{s.partner}</strong>
                <div className="muted small">{s.mouReference ? t('register.sharing.mou', { reference: s.mouReference }) : t('register.sharing.noMou')}</div>
              </td>
              <td>{s.jointActivity ?? none}</td>
              <td className="small">{s.dataCategories.join(', ')}</td>
              <td className="small">
                {s.recordedBy?.name ?? none}
                <div className="muted">{formatDate(s.recordedAt)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
