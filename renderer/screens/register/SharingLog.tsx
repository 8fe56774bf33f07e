import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { knownPartners } from '../../../shared/api-register';
import type { SharingDto } from '../../../shared/dto-register';
import type { Page } from '../../../shared/dto';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatNumber } from '../../format';
import { useStore } from '../../store';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';
import { SharingTable } from './SharingTable';

const PAGE = 100;

export function SharingLog() {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const navigate = useStore((s) => s.navigate);
  const [partner, setPartner] = useState('');
  const settled = useDebounced(partner, 200);
  const [page, setPage] = useState<Page<SharingDto> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const listId = useId();
  const inputId = useId();

  useEffect(() => {
    let current = true;
    api.call('sharing.list', { partner: settled.trim() || undefined, limit: PAGE }).then(
      (p) => current && setPage(p),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [settled]);

  const more = useTask(async () => {
    if (!page) return;
    const next = await api.call('sharing.list', { partner: settled.trim() || undefined, limit: PAGE, offset: page.items.length });
    setPage({ ...next, items: [...page.items, ...next.items] });
  });

  return (
    <>
      <div className="tabs__intro">
        <p className="muted">{t('register.sharing.intro')}</p>
      </div>
      <div className="field field--narrow">
        <label className="field__label" htmlFor={inputId}>
          {t('register.sharing.filter')}
        </label>
        <input id={inputId} className="input" type="search" list={listId} value={partner} onChange={(e) => setPartner(e.target.value)} placeholder={t('register.sharing.allPartners')} />
        <datalist id={listId}>
          {knownPartners.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </div>
      <ErrorMessage error={error} />
      {page && (
        <p className="result-count" role="status">
          {t('register.sharing.count', { count: page.total, formatted: formatNumber(page.total) })}
        </p>
      )}
      {page && page.items.length > 0 && (
        <SharingTable
          items={page.items}
          showContact
          onOpenContact={(id) => {
            openContact(id);
            navigate('contacts');
          }}
        />
      )}
      {page && page.items.length < page.total && (
        <div className="table-footer">
          <button type="button" className="button button--secondary" onClick={() => void more.run()} disabled={more.pending}>
            {t('register.sharing.more')}
          </button>
        </div>
      )}
      <ErrorMessage error={more.error} />
    </>
  );
}
