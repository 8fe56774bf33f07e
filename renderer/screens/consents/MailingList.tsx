import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailingListCountsDto } from '../../../shared/dto/consents';
import { api } from '../../api';
import { ErrorMessage, Success } from '../../components/ErrorMessage';
import { formatNumber } from '../../format';
import { exportFileName } from '../../export-path';
import { selectCanWrite, useStore } from '../../store';
import { ExportRunView } from '../exports/ExportRunView';
import { useExportRun } from '../exports/use-export-run';

const reasons = ['restricted', 'objected', 'withdrawn', 'archived', 'noEmail', 'addressRefused', 'duplicateAddress'] as const;

const excludedTotal = (c: MailingListCountsDto) => reasons.reduce((n, r) => n + c.excluded[r], 0);

function Counts({ counts }: { counts: MailingListCountsDto }) {
  const { t } = useTranslation();
  return (
    <dl className="counts consent-counts" data-testid="mailing-counts">
      <div className="counts__item consent-counts__included" data-count="included">
        <dt>{t('consents.mailing.included')}</dt>
        <dd>{formatNumber(counts.included)}</dd>
      </div>
      {reasons.map((r) => (
        <div className="counts__item" key={r} data-count={r}>
          <dt>{t(`consents.mailing.excluded.${r}`)}</dt>
          <dd>{formatNumber(counts.excluded[r])}</dd>
        </div>
      ))}
      <div className="counts__item" data-count="neverSubscribed">
        <dt>{t('consents.mailing.neverSubscribed')}</dt>
        <dd>{formatNumber(counts.neverSubscribed)}</dd>
      </div>
    </dl>
  );
}

/** The newsletter list for Mailchimp: who is in it, who is left out and why, and the file. */
export function MailingList() {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [counts, setCounts] = useState<MailingListCountsDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [written, setWritten] = useState<MailingListCountsDto | null>(null);
  useEffect(() => {
    api.call('mailingList.preview', {}).then(setCounts, setError);
  }, []);
  const run = useExportRun();
  const exporting = () => {
    setWritten(null);
    return run.start(exportFileName(['newsletter'], 'csv'), async (out) => {
      const file = await api.call('mailingList.export', { out });
      // The file's own counts: the register may have changed since the preview.
      if (file.counts) setCounts(file.counts);
      if (file.result.outcome === 'written') setWritten(file.counts);
      return file.result;
    });
  };

  return (
    <section className="panel panel--wide" aria-labelledby="consents-mailing" data-testid="mailing-list">
      <h2 className="panel__title" id="consents-mailing">
        {t('consents.mailing.title')}
      </h2>
      <p className="panel__intro">{t('consents.mailing.intro')}</p>
      <ErrorMessage error={error} />
      {counts && <Counts counts={counts} />}
      {canWrite && (
        <div className="consent-export">
          <button type="button" className="button button--primary" onClick={() => void exporting()} disabled={run.busy || run.elsewhere || !counts}>
            {run.busy ? t('consents.mailing.exporting') : t('consents.mailing.export')}
          </button>
          <span className="muted small">{t('consents.mailing.exportHelp')}</span>
        </div>
      )}
      {written && run.state.phase === 'done' && <Success text={t('consents.mailing.written', { count: written.included, excluded: formatNumber(excludedTotal(written)) })} />}
      <ExportRunView run={run} />
    </section>
  );
}
