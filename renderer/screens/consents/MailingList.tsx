import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailingListCountsDto } from '../../../shared/dto-consents';
import { api } from '../../api';
import { ErrorMessage, Success } from '../../components/ErrorMessage';
import { formatNumber } from '../../format';
import { saveTextFile, type SavedFile } from '../../save-text-file';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';

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
  const [done, setDone] = useState<{ counts: MailingListCountsDto; saved: SavedFile } | null>(null);
  useEffect(() => {
    api.call('mailingList.preview', {}).then(setCounts, setError);
  }, []);
  const exporting = useTask(async () => {
    setDone(null);
    const file = await api.call('mailingList.export', {});
    // The file's own counts: the register may have changed since the preview.
    setCounts(file.counts);
    setDone({ counts: file.counts, saved: await saveTextFile(file.fileName, file.csv) });
  });

  const written = done && t('consents.mailing.written', { count: done.counts.included, excluded: formatNumber(excludedTotal(done.counts)) });
  const where =
    done?.saved.kind === 'saved' ? t('consents.mailing.savedTo', { path: done.saved.path }) : done?.saved.kind === 'downloaded' ? t('consents.mailing.downloaded') : null;

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
          <button type="button" className="button button--primary" onClick={() => void exporting.run()} disabled={exporting.pending || !counts}>
            {exporting.pending ? t('consents.mailing.exporting') : t('consents.mailing.export')}
          </button>
          <span className="muted small">{t('consents.mailing.exportHelp')}</span>
        </div>
      )}
      <ErrorMessage error={exporting.error} />
      {done && done.saved.kind === 'cancelled' && <p className="muted">{t('consents.mailing.cancelled')}</p>}
      {done && done.saved.kind !== 'cancelled' && <Success text={`${written} ${where}`} />}
    </section>
  );
}
