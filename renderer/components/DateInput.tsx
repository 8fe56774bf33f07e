import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldHead } from './Field';
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

  // A press that takes the focus away (on Save, on Cancel) must become its click before the
  // problem's line appears and moves the button from under the pointer.
  const pressing = useRef(false);
  useEffect(() => {
    const down = () => (pressing.current = true);
    const up = () => (pressing.current = false);
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointerup', up, true);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointerup', up, true);
    };
  }, []);
  const leave = () => {
    if (!pressing.current) return setLeft(true);
    // The click follows the pointer's release in the same task; the problem shows after it.
    document.addEventListener('pointerup', () => setTimeout(() => setLeft(true)), { once: true });
  };

  // A text that names no day must not be saved as no day at all (an optional end date would
  // vanish): the form is not sent, and the field says why. The form's own handler is React's,
  // on the root, so stopping the event at the form keeps it from running.
  const input = useRef<HTMLInputElement>(null);
  const kind = parseTypedDate(text).kind;
  const blocks = kind === 'impossible' || kind === 'unreadable';
  useEffect(() => {
    const form = input.current?.form;
    if (!blocks || !form) return;
    const refuse = (e: Event) => {
      e.preventDefault();
      e.stopPropagation();
      setLeft(true);
      input.current?.focus();
    };
    form.addEventListener('submit', refuse);
    return () => form.removeEventListener('submit', refuse);
  }, [blocks]);

  const openCalendar = () => {
    const calendar = picker.current;
    if (!calendar) return;
    try {
      calendar.showPicker();
    } catch {
      // No picker in this browser (or refused without a click): the date input takes the keys.
      calendar.focus();
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
      <FieldHead id={id} label={label} help={help} helpId={helpId} />
      <div className="date-field__row">
        <input
          ref={input}
          id={id}
          className="input date-field__input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('dateField.placeholder')}
          value={text}
          onChange={(e) => take(e.target.value)}
          onBlur={leave}
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
