import { knownPartners } from '../../../shared/vocabulary';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharingDto } from '../../../shared/dto/register';
import type { Page } from '../../../shared/dto/index';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { formatNumber } from '../../format';
import { useStore } from '../../store';
import { useTask } from '../../use-task';
import { ExportButton } from '../exports/ExportButton';
import { exportFilters } from '../exports/export-filters';
import { SharingTable } from './SharingTable';

const PAGE = 100;

export function SharingLog() {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const navigate = useStore((s) => s.navigate);
  const [partner, setPartner] = useState('');
  // The networks the policy names, and any other partner the log already holds.
  const [partners, setPartners] = useState<string[]>([...knownPartners]);
  const [page, setPage] = useState<Page<SharingDto> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api.call('sharing.list', { partner: partner || undefined, limit: PAGE }).then(
      (p) => {
        if (!current) return;
        setPage(p);
        if (!partner) setPartners((old) => [...new Set([...old, ...p.items.map((s) => s.partner)])]);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [partner]);

  const more = useTask(async () => {
    if (!page) return;
    const next = await api.call('sharing.list', { partner: partner || undefined, limit: PAGE, offset: page.items.length });
    setPage({ ...next, items: [...page.items, ...next.items] });
  });

  const shown = exportFilters({ partner }, t);
  return (
    <>
      <div className="tabs__intro">
        <p className="muted">{t('register.sharing.intro')}</p>
      </div>
      <div className="tabs__toolbar">
        <div className="field--narrow">
          <SelectField label={t('register.sharing.filter')} empty={t('register.sharing.allPartners')} value={partner} onChange={setPartner} options={partners.map((p) => ({ value: p, label: p }))} />
        </div>
        <ExportButton table="sharing" filters={shown.filters} filterWords={shown.words} />
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
