/** How a sensitive detail reads in the app's language: words for its codes, local dates. */
import type { TFunction } from 'i18next';
import type { SensitiveItemDto } from '../../../shared/dto/index';
import { formatIban } from '../../../shared/rules/iban';
import { formatDay, formatNumber } from '../../format';
import { countryName } from '../../options';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One revealed value: document kinds and nationalities named, days written the local way. */
export function revealedWords(t: TFunction, key: string, value: string): string {
  if (key === 'iban') return formatIban(value);
  if (key === 'document' && (value === 'passport' || value === 'id_card')) return t(`sensitive.documents.${value}`);
  if (key === 'nationality') return countryName(value);
  if (DAY.test(value)) return formatDay(value, false);
  return value;
}

// The core masks a file as "<content type>, <n> KB" (SensitiveItemDto.masked).
const FILE_MASK = /^(image|application)\/([a-z0-9.+-]+), (\d+) KB$/;

/** The masked line: a document's kind before its number, a file as its format and size. */
export function maskedWords(t: TFunction, item: SensitiveItemDto): string {
  if (item.document) return `${t(`sensitive.documents.${item.document}`)} ${item.masked}`;
  if (item.category === 'identity') return `${t('sensitive.valueNames.dateOfBirth')} ${item.masked}`;
  const file = FILE_MASK.exec(item.masked);
  if (!file) return item.masked;
  const format = file[2]!.toUpperCase();
  const size = formatNumber(Number(file[3]));
  return file[1] === 'image' ? t('sensitive.fileImage', { format, size }) : t('sensitive.fileDocument', { format, size });
}
