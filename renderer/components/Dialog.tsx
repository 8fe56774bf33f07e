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
 * A modal built on the native <dialog>: it traps focus and closes on Escape. It gives
 * focus back to the element that opened it itself: the browser does so only for a dialog
 * closed with close(), and most screens remove theirs from the page instead.
 */
export function Dialog({ open, title, busy = false, onCancel, children, wide = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
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
