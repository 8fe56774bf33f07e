import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';

export const PAGE_SIZE = 20;

/** "21–40 of 57" with Previous and Next, for the review lists. */
export function Pager({ offset, shown, total, onOffset }: { offset: number; shown: number; total: number; onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  if (total <= PAGE_SIZE) return null;
  return (
    <div className="consent-pager">
      <button type="button" className="button button--secondary button--small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
        {t('consents.paging.previous')}
      </button>
      <span className="muted" role="status">
        {t('consents.paging.range', { from: formatNumber(offset + 1), to: formatNumber(offset + shown), total: formatNumber(total) })}
      </span>
      <button type="button" className="button button--secondary button--small" disabled={offset + shown >= total} onClick={() => onOffset(offset + PAGE_SIZE)}>
        {t('consents.paging.next')}
      </button>
    </div>
  );
}
