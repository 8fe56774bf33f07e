import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/dto/index';
import type { NoBasisDto } from '../../../shared/dto/consents';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../format';
import { useStore } from '../../store';
import { actionLabel, purposeName } from './consent-words';
import { PAGE_SIZE, Pager } from './Pager';

/** People whom withdrawals and objections left with no lawful basis: to review for erasure. */
export function NoBasisReview() {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<NoBasisDto> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api.call('consents.noBasis', { limit: PAGE_SIZE, offset }).then(
      (p) => current && (setPage(p), setError(null)),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [offset]);

  return (
    <section className="panel" aria-labelledby="consents-no-basis" data-testid="no-basis-review">
      <h2 className="panel__title" id="consents-no-basis">
        {t('consents.noBasis.title')}
      </h2>
      <p className="panel__intro">{t('consents.noBasis.intro')}</p>
      <ErrorMessage error={error} />
      {page && page.total === 0 && <p className="muted">{t('consents.noBasis.empty')}</p>}
      {page && page.items.length > 0 && (
        <div className="table-wrap">
          <table className="table consent-review">
            <thead>
              <tr>
                <th scope="col">{t('consents.noBasis.name')}</th>
                <th scope="col">{t('consents.noBasis.organisation')}</th>
                <th scope="col">{t('consents.noBasis.reason')}</th>
                <th scope="col">{t('consents.noBasis.since')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((row) => (
                <tr key={row.contactId}>
                  <td className="table__name">
                    <button type="button" className="link-button" onClick={() => openContact(row.contactId)}>
                      {row.fullName}
                    </button>
                  </td>
                  <td>{row.organisationName ?? t('common.none')}</td>
                  <td>
                    <ul className="consent-review__reason">
                      {row.reason.events.map((e) => (
                        <li key={e.purpose.id}>
                          {t('consents.noBasis.event', { purpose: purposeName(e.purpose), action: actionLabel(t, e.action, e.purpose.lawfulBasis).toLowerCase() })}{' '}
                          <span className="muted small">({formatDate(e.occurredOn)})</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="nowrap">{formatDate(row.reason.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && <Pager offset={offset} shown={page.items.length} total={page.total} onOffset={setOffset} />}
    </section>
  );
}
