import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { ChoiceGroup } from '../exports/ChoiceGroup';

/** The report's own language: the board may read French while the app speaks English. */
export function LanguageChoice({ group, value, onChange, disabled }: { group: string; value: Language; onChange: (l: Language) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <ChoiceGroup
      legend={t('reports.screen.language')}
      group={group}
      choices={(['en', 'fr'] as const).map((l) => ({ value: l, name: t(`language.${l}`), help: '' }))}
      value={value}
      onChange={onChange}
      disabled={disabled}
    />
  );
}
