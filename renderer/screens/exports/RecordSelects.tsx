import { useEffect, useState } from 'react';
import { SelectField } from '../../components/SelectField';
import { api } from '../../api';
import { currentLanguage } from '../../i18n';

type Option = { value: string; label: string };
export type Picked = { id: string; name: string } | null;

/** The first 500 of a list, loaded once: enough for a secretariat's events, projects and purposes. */
function useOptions(load: () => Promise<Option[]>): Option[] {
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    let current = true;
    load().then(
      (o) => current && setOptions(o),
      () => current && setOptions([]),
    );
    return () => {
      current = false;
    };
  }, [load]);
  return options;
}

const loadEvents = () => api.call('events.list', { limit: 500 }).then((p) => p.items.map((e) => ({ value: e.id, label: e.name })));
const loadProjects = () => api.call('projects.list', {}).then((list) => list.map((p) => ({ value: p.id, label: p.name })));
const loadPurposes = () =>
  api.call('purposes.list', {}).then((list) => list.map((p) => ({ value: p.id, label: currentLanguage() === 'fr' ? p.nameFr : p.nameEn })));

interface Props {
  label: string;
  empty: string;
  value: Picked;
  onChange: (picked: Picked) => void;
}

function PickerOver({ options, label, empty, value, onChange }: Props & { options: Option[] }) {
  return (
    <SelectField
      label={label}
      empty={empty}
      value={value?.id ?? ''}
      options={options}
      onChange={(v) => {
        const o = options.find((x) => x.value === v);
        onChange(o ? { id: o.value, name: o.label } : null);
      }}
    />
  );
}

export function EventSelect(props: Props) {
  return <PickerOver {...props} options={useOptions(loadEvents)} />;
}

export function ProjectSelect(props: Props) {
  return <PickerOver {...props} options={useOptions(loadProjects)} />;
}

export function PurposeSelect(props: Props) {
  return <PickerOver {...props} options={useOptions(loadPurposes)} />;
}
