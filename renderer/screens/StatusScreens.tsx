import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorMessage } from '../components/ErrorMessage';
import { useStore } from '../store';

export function Loading() {
  const { t } = useTranslation();
  return (
    <AuthLayout>
      <div className="card auth-card auth-card--quiet" aria-busy="true">
        <p className="lead">{t('loading.title')}</p>
      </div>
    </AuthLayout>
  );
}

/** The core could not be reached at all (preview stopped, tab opened without its token). */
export function Unreachable() {
  const { t } = useTranslation();
  const error = useStore((s) => s.statusError);
  const refreshStatus = useStore((s) => s.refreshStatus);
  return (
    <AuthLayout>
      <div className="card auth-card">
        <h1 className="auth-card__title">{t('unreachable.title')}</h1>
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="button" className="button button--primary" onClick={() => void refreshStatus()}>
            {t('unreachable.retry')}
          </button>
        </div>
      </div>
    </AuthLayout>
  );
}
