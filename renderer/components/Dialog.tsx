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

/**
 * A modal built on the native <dialog>: it traps focus, closes on Escape and gives focus
 * back to the button that opened it, without any script of ours doing it.
 */
export function Dialog({ open, title, busy = false, onCancel, children, wide = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
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
