import { useTranslation } from 'react-i18next';

/** The buttons under a record form: Cancel, and the submit button that says "Saving…" while it works. */
export function SaveCancelActions({ onCancel, pending, saveLabel }: { onCancel: () => void; pending: boolean; saveLabel?: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="button button--secondary" onClick={onCancel} disabled={pending}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? t('common.saving') : (saveLabel ?? t('common.save'))}
      </button>
    </div>
  );
}
