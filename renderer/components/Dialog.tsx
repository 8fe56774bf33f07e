import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  /** Escape closes the dialog unless something is being saved. */
  busy?: boolean;
  onCancel: () => void;
  children: ReactNode;
  /** For forms with many fields. */
  wide?: boolean;
}

const fields = 'input:not([type="hidden"]):not([tabindex="-1"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/**
 * Where a person starts: the first field, or the first button of a dialog that only asks.
 * showModal() alone lands on the first focusable box, which undoes a field's autoFocus
 * (React focuses it before the dialog is open) and, once a form overflows, is its
 * scrolling area in Chromium.
 */
function firstStop(dialog: HTMLDialogElement): HTMLElement | null {
  const first = dialog.querySelector<HTMLElement>(fields) ?? dialog.querySelector<HTMLElement>('button:not(:disabled)');
  // In a group of radio buttons the chosen one is the group's stop.
  if (first instanceof HTMLInputElement && first.type === 'radio' && first.name) {
    return dialog.querySelector<HTMLElement>(`input[type="radio"][name="${CSS.escape(first.name)}"]:checked`) ?? first;
  }
  return first;
}

/**
 * A modal built on the native <dialog>: it traps focus, starts on the first field and
 * closes on Escape. It gives focus back to the element that opened it itself: the browser
 * does so only for a dialog closed with close(), and most screens remove theirs from the
 * page instead.
 */
export function Dialog({ open, title, busy = false, onCancel, children, wide = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    firstStop(dialog)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {open && children}
    </dialog>
  );
}
