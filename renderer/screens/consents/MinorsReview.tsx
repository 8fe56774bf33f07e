import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinorDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useStore } from '../../store';

/** Contacts whose recorded date of birth puts them under the age threshold: to erase or to cover by a parent's consent. */
export function MinorsReview() {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const threshold = useStore((s) => s.settings?.minorAgeThreshold);
  const ensureSettings = useStore((s) => s.ensureSettings);
  const [rows, setRows] = useState<MinorDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    void ensureSettings().catch(() => undefined);
  }, [ensureSettings]);
  useEffect(() => {
    let current = true;
    api.call('contacts.minors', {}).then(
      (r) => current && (setRows(r), setError(null)),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <section className="panel" aria-labelledby="consents-minors" data-testid="minors-review">
      <h2 className="panel__title" id="consents-minors">
        {t('consents.minors.title')}
      </h2>
      <p className="panel__intro">{threshold === undefined ? t('consents.minors.introDefault') : t('consents.minors.intro', { threshold })}</p>
      <ErrorMessage error={error} />
      {rows && rows.length === 0 && <p className="muted">{t('consents.minors.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table consent-review">
            <thead>
              <tr>
                <th scope="col">{t('consents.minors.name')}</th>
                <th scope="col">{t('consents.minors.age')}</th>
                <th scope="col">{t('consents.minors.threshold')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="table__name">
                    <button type="button" className="link-button" onClick={() => openContact(row.id)}>
                      {row.fullName}
                    </button>
                  </td>
                  <td>{row.age}</td>
                  <td>{row.threshold}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
