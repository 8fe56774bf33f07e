import { useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> {
  label: string;
  help?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** Set when an error message elsewhere describes this field. */
  errorId?: string;
  invalid?: boolean;
}

/** A field's label and its optional help line (described by `helpId`), as every field shows them. */
export function FieldHead({ id, label, help, helpId }: { id: string; label: string; help?: ReactNode; helpId?: string }) {
  return (
    <>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {help && (
        <p id={helpId} className="field__help">
          {help}
        </p>
      )}
    </>
  );
}

/** A labelled input with optional help text, wired for screen readers. */
export function TextField({ label, help, value, onChange, errorId, invalid, ...rest }: FieldProps) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <FieldHead id={id} label={label} help={help} helpId={helpId} />
      <input id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...rest} />
    </div>
  );
}

/** A passphrase input with a Show/Hide button, so long passphrases can be checked before sending. */
export function PassphraseField({ label, help, value, onChange, errorId, invalid, children, ...rest }: FieldProps & { children?: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const [visible, setVisible] = useState(false);
  const helpId = help ? `${id}-help` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <FieldHead id={id} label={label} help={help} helpId={helpId} />
      <div className="passphrase-input">
        <input
          id={id}
          className="input input--passphrase"
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          {...rest}
        />
        <button
          type="button"
          className="button button--quiet passphrase-input__toggle"
          aria-controls={id}
          aria-pressed={visible}
          aria-label={visible ? t('passphrase.hideLabel') : t('passphrase.showLabel')}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t('passphrase.hide') : t('passphrase.show')}
        </button>
      </div>
      {children}
    </div>
  );
}

interface KeyFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errorId?: string;
  invalid?: boolean;
  autoFocus?: boolean;
}

/**
 * The recovery key is 69 characters: a two-line box shows it whole, so it can be checked
 * group by group against the paper. Enter submits, as in a one-line field.
 */
export function RecoveryKeyField({ label, value, onChange, errorId, invalid, autoFocus }: KeyFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <textarea
        id={id}
        className="input input--key"
        rows={2}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
        aria-describedby={errorId}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        autoCorrect="off"
        autoFocus={autoFocus}
      />
    </div>
  );
}
