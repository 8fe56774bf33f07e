import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { useStore } from '../../store';
import { useTask } from '../../use-task';

/** Admins only. Success hands over to the recovery-key screen (store.pendingRecoveryKey). */
export function RekeySection() {
  const { t } = useTranslation();
  const rekeyVault = useStore((s) => s.rekey);
  const [asking, setAsking] = useState(false);
  const rekey = useTask(rekeyVault);

  return (
    <section className="panel panel--wide panel--caution" aria-labelledby="settings-rekey">
      <h2 className="panel__title" id="settings-rekey">
        {t('settings.rekey.title')}
      </h2>
      <p className="panel__intro">{t('settings.rekey.intro')}</p>
      <ErrorMessage error={rekey.error} />
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          rekey.clearError();
          setAsking(true);
        }}
      >
        <Icon name="key" /> {t('settings.rekey.button')}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('settings.rekey.dialogTitle')}
        confirmLabel={t('settings.rekey.dialogConfirm')}
        pendingLabel={t('settings.rekey.working')}
        pending={rekey.pending}
        danger
        onConfirm={() => void rekey.run().then(() => setAsking(false))}
        onCancel={() => setAsking(false)}
      >
        <p>{t('settings.rekey.dialogBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
