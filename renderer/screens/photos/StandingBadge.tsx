import { useTranslation } from 'react-i18next';
import type { PhotoStanding } from '../../../shared/dto/photos';

/** Where someone stands, as a coloured word: red for "must not be photographed". */
export function StandingBadge({ standing }: { standing: PhotoStanding }) {
  const { t } = useTranslation();
  return <span className={`badge photo-standing photo-standing--${standing}`}>{t(`photos.standings.${standing}`)}</span>;
}
