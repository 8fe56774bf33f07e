import { useState } from 'react';

/**
 * The message for a form that failed its checks. Any edit clears it, so a message never
 * describes a value that the user has already corrected.
 */
export function useFormProblem(onEdit?: () => void) {
  const [problem, setProblem] = useState<string | null>(null);
  const edited =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      setProblem(null);
      onEdit?.();
    };
  return { problem, setProblem, edited };
}
