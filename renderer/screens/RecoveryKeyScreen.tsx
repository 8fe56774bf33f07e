import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components/AuthLayout';
import { Icon } from '../components/Icon';
import { ScreenTitle } from '../components/ScreenTitle';
import { formatDate } from '../format';
import { useStore } from '../store';
import { RekeyConfirm } from './settings/RekeyConfirm';

function KeyGroups({ recoveryKey, labelledBy, testId }: { recoveryKey: string; labelledBy?: string; testId?: string }) {
  const groups = recoveryKey.split('-');
  return (
    <div className="recovery-key" role="group" aria-labelledby={labelledBy} data-testid={testId}>
      {groups.map((g, i) => (
        <span className="recovery-key__group" key={`${i}-${g}`}>
          {g}
        </span>
      ))}
    </div>
  );
}

/**
 * Shown once, after creating the vault or while a new key waits to replace the current
 * one. The key is not kept anywhere after Continue, so the user must confirm they have a
 * copy: by ticking the box after creation, by typing it back before a rekey's switch.
 */
export function RecoveryKeyScreen() {
  const { t } = useTranslation();
  const pending = useStore((s) => s.pendingRecoveryKey);
  const vaultDir = useStore((s) => s.status?.vaultDir ?? '');
  const acknowledge = useStore((s) => s.acknowledgeRecoveryKey);
  const [written, setWritten] = useState(false);
  const [printedOn] = useState(() => new Date());
  const keyLabelId = useId();
  if (!pending) return null;
  const rekeying = pending.reason === 'rekeyPending';

  return (
    <AuthLayout wide>
      <section className="card auth-card recovery no-print" aria-labelledby={`${keyLabelId}-title`}>
        <div className="recovery__head">
          <Icon name="key" className="recovery__icon" />
          <div>
            <ScreenTitle className="auth-card__title" id={`${keyLabelId}-title`}>
              {rekeying ? t('recoveryKey.titleRekeyed') : t('recoveryKey.titleCreated')}
            </ScreenTitle>
            <p className="lead lead--strong">{t('recoveryKey.onlyOnce')}</p>
          </div>
        </div>
        {rekeying && <p className="message message--warning">{t('recoveryKey.rekeyPendingNotice')}</p>}

        <p className="sr-only" id={keyLabelId}>
          {t('recoveryKey.keyLabel')}
        </p>
        <KeyGroups recoveryKey={pending.key} labelledBy={keyLabelId} testId="recovery-key" />

        <div className="recovery__explain">
          <div>
            <h2 className="section-title">{t('recoveryKey.whatTitle')}</h2>
            <p>{t('recoveryKey.what')}</p>
            <p>{t('recoveryKey.noLockIn')}</p>
          </div>
          <div>
            <h2 className="section-title">{t('recoveryKey.keepTitle')}</h2>
            <p>{t('recoveryKey.keep')}</p>
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              <Icon name="printer" /> {t('recoveryKey.print')}
            </button>
          </div>
        </div>

        {rekeying ? (
          <RekeyConfirm />
        ) : (
          <div className="recovery__confirm">
            <label className="checkbox">
              <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
              <span>{t('recoveryKey.acknowledge')}</span>
            </label>
            <button type="button" className="button button--primary button--large" disabled={!written} onClick={acknowledge}>
              {t('recoveryKey.continue')}
            </button>
          </div>
        )}
      </section>

      <section className="print-sheet" aria-hidden="true">
        <p className="print-sheet__title">{t('recoveryKey.printTitle')}</p>
        <p>{t('recoveryKey.printFolder', { dir: vaultDir })}</p>
        <p>{t('recoveryKey.printDate', { date: formatDate(printedOn) })}</p>
        {rekeying && <p>{t('recoveryKey.printRekeyNotice')}</p>}
        <KeyGroups recoveryKey={pending.key} />
        <p className="print-sheet__subtitle">{t('recoveryKey.printHowTitle')}</p>
        <p>{t('recoveryKey.printHowRegistre')}</p>
        <p>{t('recoveryKey.printHowOther')}</p>
        <p>
          <strong>{t('recoveryKey.printKeep')}</strong>
        </p>
      </section>
    </AuthLayout>
  );
}
