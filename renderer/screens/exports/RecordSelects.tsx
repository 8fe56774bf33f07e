import { useEffect, useId, useState } from 'react';
import { SelectField } from '../../components/SelectField';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { currentLanguage } from '../../i18n';

type Option = { value: string; label: string };
export type Picked = { id: string; name: string } | null;

/**
 * The first 500 of a list, loaded once: enough for a secretariat's events, projects and
 * purposes. A list that fails to load says so under its field, not as an empty choice.
 */
function useOptions(load: () => Promise<Option[]>): { options: Option[]; error: unknown } {
  const [loaded, setLoaded] = useState<{ options: Option[]; error: unknown }>({ options: [], error: null });
  useEffect(() => {
    let current = true;
    load().then(
      (options) => current && setLoaded({ options, error: null }),
      (error: unknown) => current && setLoaded({ options: [], error }),
    );
    return () => {
      current = false;
    };
  }, [load]);
  return loaded;
}

const loadEvents = () => api.call('events.list', { limit: 500 }).then((p) => p.items.map((e) => ({ value: e.id, label: e.name })));
const loadProjects = () => api.call('projects.list', {}).then((list) => list.map((p) => ({ value: p.id, label: p.name })));
const loadPurposes = () => api.call('purposes.list', {}).then((list) => list.map((p) => ({ value: p.id, label: currentLanguage() === 'fr' ? p.nameFr : p.nameEn })));

interface Props {
  label: string;
  empty: string;
  value: Picked;
  onChange: (picked: Picked) => void;
}

function PickerOver({ load, label, empty, value, onChange }: Props & { load: () => Promise<Option[]> }) {
  const { options, error } = useOptions(load);
  const errorId = useId();
  return (
    <div>
      <SelectField
        label={label}
        empty={empty}
        value={value?.id ?? ''}
        options={options}
        invalid={error !== null}
        errorId={error !== null ? errorId : undefined}
        onChange={(v) => {
          const o = options.find((x) => x.value === v);
          onChange(o ? { id: o.value, name: o.label } : null);
        }}
      />
      <ErrorMessage error={error} id={errorId} />
    </div>
  );
}

export function EventSelect(props: Props) {
  return <PickerOver {...props} load={loadEvents} />;
}

export function ProjectSelect(props: Props) {
  return <PickerOver {...props} load={loadProjects} />;
}

export function PurposeSelect(props: Props) {
  return <PickerOver {...props} load={loadPurposes} />;
}
