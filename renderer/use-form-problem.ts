import { useState } from 'react';

/**
 * The message for a form that failed its checks. Any edit clears it, so a message never
 * describes a value that the user has already corrected.
 */
export function useFormProblem(onEdit?: () => void) {
  const [problem, setProblem] = useState<string | null>(null);
  const edited =
    <T>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      setProblem(null);
      onEdit?.();
    };
  return { problem, setProblem, edited };
}

/**
 * A form's text fields and its problem message: `set('name')` is the change handler of one
 * field, and any edit clears the message (as useFormProblem).
 */
export function useFormValues<T extends Record<string, string>>(initial: T) {
  const [v, setV] = useState<T>(initial);
  const { problem, setProblem, edited } = useFormProblem();
  const set = (k: keyof T) => edited((value: string) => setV((old) => ({ ...old, [k]: value })));
  return { v, setV, set, problem, setProblem };
}
