import { useEffect, useRef } from 'react';

/**
 * The page heading. It takes focus when the screen opens so that screen-reader users
 * hear where they are after navigating or unlocking.
 */
export function ScreenTitle({ children, className = 'screen-title', id }: { children: string; className?: string; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className} id={id}>
      {children}
    </h1>
  );
}
