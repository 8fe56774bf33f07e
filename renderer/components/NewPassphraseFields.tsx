import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { estimateStrength, MIN_PASSPHRASE_LENGTH } from '../passphrase-strength';
import { PassphraseField } from './Field';
import { StrengthMeter } from './StrengthMeter';

interface Props {
  label: string;
  confirmLabel: string;
  help?: string;
  value: string;
  confirmation: string;
  onChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  /** Names that make a passphrase guessable (the person's own name). */
  userInputs?: string[];
  errorId?: string;
}

/** A new passphrase, its confirmation and the strength meter between them. */
export function NewPassphraseFields({ label, confirmLabel, help, value, confirmation, onChange, onConfirmationChange, userInputs, errorId }: Props) {
  const { t } = useTranslation();
  const meterId = useId();
  const inputsKey = (userInputs ?? []).join('\u0000');
  const strength = useMemo(() => (value ? estimateStrength(value, inputsKey ? inputsKey.split('\u0000') : []) : null), [value, inputsKey]);
  return (
    <>
      <PassphraseField
        label={label}
        help={help ?? t('create.passphraseHelp', { min: MIN_PASSPHRASE_LENGTH })}
        value={value}
        onChange={onChange}
        errorId={[meterId, errorId].filter(Boolean).join(' ')}
        autoComplete="new-password"
        required
      >
        <StrengthMeter strength={strength} id={meterId} />
      </PassphraseField>
      <PassphraseField label={confirmLabel} value={confirmation} onChange={onConfirmationChange} errorId={errorId} autoComplete="new-password" required />
    </>
  );
}
