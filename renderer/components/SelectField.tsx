import { useId } from 'react';
import { FieldHead } from './Field';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** Label of the empty choice; omitted when a value is required. */
  empty?: string;
  invalid?: boolean;
  errorId?: string;
  disabled?: boolean;
}

export function SelectField({ label, value, onChange, options, empty, invalid, errorId, disabled }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined} aria-describedby={errorId} disabled={disabled}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextAreaField({ label, value, onChange, rows = 3, help, invalid }: { label: string; value: string; onChange: (v: string) => void; rows?: number; help?: string; invalid?: boolean }) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <FieldHead id={id} label={label} help={help} helpId={helpId} />
      <textarea id={id} className="input" rows={rows} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={helpId} aria-invalid={invalid || undefined} />
    </div>
  );
}
