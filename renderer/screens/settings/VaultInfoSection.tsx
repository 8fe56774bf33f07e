import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import { useStore } from '../../store';

const counted = ['staff', 'contacts', 'organisations', 'projects', 'events', 'participations', 'consent_events', 'rights_requests', 'audit_events'] as const;

export function VaultInfoSection() {
  const { t } = useTranslation();
  const info = useStore((s) => s.vaultInfo);
  const vaultDir = useStore((s) => s.status?.vaultDir ?? '');
  return (
    <section className="panel" aria-labelledby="settings-vault">
      <h2 className="panel__title" id="settings-vault">
        {t('settings.vault.title')}
      </h2>
      <dl className="facts">
        <dt className="facts__wide">{t('settings.vault.folder')}</dt>
        <dd className="facts__wide">
          <code className="path">{vaultDir}</code>
        </dd>
        <dt>{t('settings.vault.schema')}</dt>
        <dd>{info?.schemaVersion ?? '…'}</dd>
        <dt>{t('settings.vault.app')}</dt>
        <dd>{info?.appVersion ?? '…'}</dd>
        <dt>{t('settings.vault.auditHead')}</dt>
        <dd>{info ? (info.auditHead ? `#${info.auditHead.seq}` : t('common.none')) : '…'}</dd>
      </dl>
      <h3 className="panel__subtitle">{t('settings.vault.contents')}</h3>
      <dl className="counts" data-testid="vault-counts">
        {counted.map((k) => (
          <div className="counts__item" key={k}>
            <dt>{t(`settings.vault.counts.${k}`)}</dt>
            <dd>{info ? formatNumber(info.counts[k] ?? 0) : '…'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
