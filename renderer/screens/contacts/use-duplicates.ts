import { useEffect, useState } from 'react';
import type { DuplicateDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { useDebounced } from '../../use-debounced';

interface Typed {
  fullName: string;
  email: string;
  organisationId: string | null;
  excludeId?: string;
}

/** Likely duplicates of what is being typed. A warning only: a failed check shows nothing. */
export function useDuplicates(typed: Typed): DuplicateDto[] {
  const settled = useDebounced(typed, 300);
  const [found, setFound] = useState<DuplicateDto[]>([]);
  const { fullName, email, organisationId, excludeId } = settled;
  useEffect(() => {
    let current = true;
    const name = fullName.trim();
    const mail = email.trim();
    const input = name.length >= 3 || mail.includes('@') ? { fullName: name || undefined, email: mail || null, organisationId, excludeId } : null;
    (input ? api.call('contacts.duplicates', input) : Promise.resolve([])).then(
      (d) => current && setFound(d),
      () => current && setFound([]),
    );
    return () => {
      current = false;
    };
  }, [fullName, email, organisationId, excludeId]);
  return found;
}
