import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTypedDate, parseTypedDate } from '../../shared/rules/typed-dates';
import { Icon } from './Icon';

interface Props {
  label: string;
  help?: ReactNode;
  /** ISO `YYYY-MM-DD`, or '' for no day. */
  value: string;
  /** Called with the ISO day typed or picked, or '' while the text names no day. */
  onChange: (iso: string) => void;
  /** Set when an error message elsewhere describes this field. */
  errorId?: string;
  invalid?: boolean;
  /** The latest day allowed (ISO): today, for things that have already happened. */
  max?: string;
  autoFocus?: boolean;
  /** Extra classes on the field's box (a date on the same line as its label). */
  className?: string;
}

type Problem = 'noSuchDay' | 'unreadable' | 'afterMax';

function problemOf(text: string, max: string | undefined): Problem | null {
  const typed = parseTypedDate(text);
  if (typed.kind === 'impossible') return 'noSuchDay';
  if (typed.kind === 'unreadable') return 'unreadable';
  if (typed.kind === 'date' && max && typed.iso > max) return 'afterMax';
  return null;
}

/**
 * A date typed day first (dd/mm/yyyy) in both languages. The browser's own date input
 * follows the system's locale and reads 05/03/2026 as 3 May on a US-English machine; this
 * field keeps what was typed, hands the form the ISO day, and offers the browser's
 * calendar behind a button for those who would rather pick.
 */
export function DateField({ label, help, value, onChange, errorId, invalid, max, autoFocus, className }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => formatTypedDate(value));
  // The ISO day the text stands for: a value that differs was set from outside (a reset).
  const [known, setKnown] = useState(value);
  // A problem is told once the user leaves the field, not while the first digits go in.
  const [left, setLeft] = useState(false);
  if (value !== known) {
    setKnown(value);
    setText(formatTypedDate(value));
    setLeft(false);
  }

  const take = (next: string) => {
    const typed = parseTypedDate(next);
    const iso = typed.kind === 'date' ? typed.iso : '';
    setText(next);
    setKnown(iso);
    setLeft(false);
    onChange(iso);
  };

  const openCalendar = () => {
    const input = picker.current;
    if (!input) return;
    try {
      input.showPicker();
    } catch {
      // No picker in this browser (or refused without a click): the input takes the keys.
      input.focus();
    }
  };

  const problem = left ? problemOf(text, max) : null;
  const helpId = help ? `${id}-help` : undefined;
  const formatId = `${id}-format`;
  const problemId = problem ? `${id}-problem` : undefined;
  const describedBy = [helpId, formatId, problemId, errorId].filter(Boolean).join(' ');
  // The hidden calendar never holds a day outside its bounds: the browser would then
  // stop the form's submission over a field nobody can see.
  const pickable = value && !(max && value > max) ? value : '';
  return (
    <div className={className ? `field date-field ${className}` : 'field date-field'}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {help && (
        <p id={helpId} className="field__help">
          {help}
        </p>
      )}
      <div className="date-field__row">
        <input
          id={id}
          className="input date-field__input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateField.placeholder')}
          value={text}
          onChange={(e) => take(e.target.value)}
          onBlur={() => setLeft(true)}
          aria-describedby={describedBy}
          aria-invalid={invalid || problem !== null || undefined}
          autoFocus={autoFocus}
        />
        <button type="button" className="button button--quiet date-field__pick" aria-label={t('dateField.pick')} title={t('dateField.pick')} onClick={openCalendar}>
          <Icon name="calendar" />
        </button>
        <span id={formatId} className="date-field__format">
          {t('dateField.placeholder')}
        </span>
        <input ref={picker} className="date-field__picker" type="date" tabIndex={-1} aria-hidden="true" value={pickable} max={max} onChange={(e) => take(formatTypedDate(e.target.value))} />
      </div>
      {problem && (
        <p id={problemId} className="date-field__problem">
          {t(`dateField.${problem}`, { max: max ? formatTypedDate(max) : '' })}
        </p>
      )}
    </div>
  );
}
