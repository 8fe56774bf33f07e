import { useTranslation } from 'react-i18next';
import { describeError } from '../errors';

export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="message message--error" role="alert" id={id}>
      {describeError(error, t)}
    </p>
  );
}

/** A problem found before anything was sent (empty field, passphrases that differ). */
export function Problem({ text, id }: { text: string | null; id?: string }) {
  if (!text) return null;
  return (
    <p className="message message--error" role="alert" id={id}>
      {text}
    </p>
  );
}

export function Success({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="message message--success" role="status">
      {text}
    </p>
  );
}
