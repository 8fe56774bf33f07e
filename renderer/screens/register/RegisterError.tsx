import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';

// The register's refusals, in the reader's language (the core words them in English for the CLI and logs).
const byReason = {
  date_future: 'register.errors.dateFuture',
  policy_version_taken: 'register.errors.versionTaken',
  processor_name_taken: 'register.errors.processorTaken',
  purpose_code_taken: 'register.errors.codeTaken',
} as const;

export function RegisterError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const reason = error instanceof ApiError ? error.detail.reason : undefined;
  if (typeof reason === 'string' && Object.hasOwn(byReason, reason)) {
    return (
      <p className="message message--error" role="alert">
        {t(byReason[reason as keyof typeof byReason])}
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}
