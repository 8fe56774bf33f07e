import { useTranslation } from 'react-i18next';
import type { ImportPreviewDto } from '../../../../shared/dto/index';
import { formatNumber } from '../../../format';
import { hasConsentColumns } from './ImportPurpose';

/** The dry run's numbers: what pressing Import would do to the register. */
export function ImportCounts({ preview, purpose }: { preview: ImportPreviewDto; purpose: string }) {
  const { t } = useTranslation();
  const c = preview.counts;
  const items = [
    ['rows', c.rows],
    ['new', c.new],
    ['update', c.update],
    ['skipped', c.skipped],
    ['invalid', c.invalid],
    ['organisations', c.organisationsToCreate],
    ...(hasConsentColumns(preview.mapping)
      ? ([
          ['grants', c.grants],
          ['withdrawals', c.withdrawals],
        ] as const)
      : []),
  ] as const;
  return (
    <>
      <dl className="counts import-counts" aria-label={t('import.counts.caption')} data-testid="import-counts">
        {items.map(([key, n]) => (
          <div key={key} className={key === 'invalid' && n > 0 ? 'counts__item counts__item--alert' : 'counts__item'} data-count={key}>
            <dt>{t(`import.counts.${key}`, { purpose })}</dt>
            <dd>{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>
      {preview.newOrganisations.length > 0 && <p className="muted small">{t('import.counts.organisationList', { names: preview.newOrganisations.join(', ') })}</p>}
    </>
  );
}
