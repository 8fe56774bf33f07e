import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage, Success } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { useStore } from '../../store';
import { useTask } from '../../use-task';

/**
 * Admins only. Confirming makes the new key and hands over to the recovery-key screen
 * (store.pendingRecoveryKey), where it is typed back before the switch; back here, the
 * outcome is said.
 */
export function RekeySection() {
  const { t } = useTranslation();
  const prepareRekey = useStore((s) => s.prepareRekey);
  const outcome = useStore((s) => s.rekeyOutcome);
  const clearOutcome = useStore((s) => s.clearRekeyOutcome);
  const [asking, setAsking] = useState(false);
  const rekey = useTask(prepareRekey);
  const section = useRef<HTMLElement>(null);
  // Settings opens at its top when the recovery-key screen hands back; the outcome is said at the bottom.
  useEffect(() => {
    if (outcome) section.current?.scrollIntoView({ block: 'nearest' });
  }, [outcome]);

  return (
    <section ref={section} className="panel panel--wide panel--caution" aria-labelledby="settings-rekey">
      <h2 className="panel__title" id="settings-rekey">
        {t('settings.rekey.title')}
      </h2>
      <p className="panel__intro">{t('settings.rekey.intro')}</p>
      <ErrorMessage error={rekey.error} />
      <Success text={outcome === 'switched' ? t('settings.rekey.switched') : null} />
      {outcome === 'cancelled' && (
        <p className="message message--info" role="status">
          {t('settings.rekey.cancelled')}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          rekey.clearError();
          clearOutcome();
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
