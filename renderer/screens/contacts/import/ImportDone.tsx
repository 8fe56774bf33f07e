import { useTranslation } from 'react-i18next';
import type { ImportPreviewDto, ImportResultDto } from '../../../../shared/dto/index';
import { formatNumber } from '../../../format';
import { useStore } from '../../../store';
import { hasConsentColumns } from './ImportPurpose';

interface Props {
  result: ImportResultDto;
  fileName: string;
  /** What was previewed: whether the file had consent columns. */
  mapping: ImportPreviewDto['mapping'];
  /** The consent purpose's name, in the reader's language. */
  purpose: string;
  onAnother: () => void;
}

/** What the commit wrote (contacts, organisations, consent events), and the way back to the register. */
export function ImportDone({ result, fileName, mapping, purpose, onAnother }: Props) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const c = result.counts;
  const items = [
    ['created', c.new],
    ['updated', c.update],
    ['organisations', result.organisationsCreated],
    ...(hasConsentColumns(mapping)
      ? ([
          ['grants', c.grants],
          ['withdrawals', c.withdrawals],
        ] as const)
      : []),
    ['leftOut', c.invalid + c.skipped],
  ] as const;
  return (
    <section className="panel import-step" aria-labelledby="import-done" data-testid="import-done">
      <h2 className="panel__title" id="import-done">
        {t('import.steps.done')}
      </h2>
      <p className="message message--success" role="status">
        {t('import.done.summary', { name: fileName })}
      </p>
      <dl className="counts import-counts">
        {items.map(([key, n]) => (
          <div key={key} className="counts__item" data-count={key}>
            <dt>{t(`import.done.${key}`, { purpose })}</dt>
            <dd>{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>
      <div className="record-actions import-done__actions">
        <button type="button" className="button button--primary" onClick={() => openContact(null)}>
          {t('import.back')}
        </button>
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t('import.done.another')}
        </button>
      </div>
    </section>
  );
}
