/** Small line icons drawn for Registre (stroke follows the text colour). */
import type { Route } from '../routes';

type IconName = Route | 'lock' | 'shield' | 'folder' | 'check' | 'alert' | 'printer' | 'key' | 'filter' | 'fold' | 'unfold' | 'calendar';

/** The events section and the date field's calendar button share one drawing. */
const calendar = ['M4 6h16v14H4z', 'M4 10h16', 'M8 3v5M16 3v5'];

const paths: Record<IconName, string[]> = {
  home: ['M3 11l9-7 9 7', 'M5 10v10h14V10', 'M10 20v-6h4v6'],
  contacts: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M4 20c0-3.3 3.6-6 8-6s8 2.7 8 6'],
  organisations: ['M4 20V6l7-3v17', 'M11 9h9v11', 'M2 20h20', 'M7 8v.01M7 12v.01M7 16v.01M15 13v.01M15 16v.01'],
  projects: ['M3 7h18v13H3z', 'M8 7V4h8v3', 'M3 12h18'],
  events: calendar,
  register: ['M6 3h13v15H6a2 2 0 0 0 0 4h13v-4', 'M6 3a2 2 0 0 0-2 2v15', 'M9 7h7M9 11h5'],
  consents: ['M6 3h9l4 4v14H6z', 'M9 13l2 2 4-4'],
  photoOptOuts: ['M4 8h3l2-3h6l2 3h3v11H4z', 'M12 16a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M3 3l18 18'],
  requests: ['M4 5h16v11H8l-4 4z', 'M8 9h8M8 12h5'],
  retention: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 7v5l3 2'],
  statistics: ['M4 20h16', 'M7 17v-6', 'M12 17V5', 'M17 17V9'],
  exports: ['M12 3v12', 'M7 10l5 5 5-5', 'M4 17v3h16v-3'],
  reports: ['M6 3h9l3 3v15H6z', 'M9 12h6', 'M9 16h6', 'M9 8h3'],
  backups: ['M4 5h16v5H4z', 'M4 14h16v5H4z', 'M8 7.5v.01M8 16.5v.01'],
  audit: ['M5 4h14v16H5z', 'M8 8h8M8 12h8M8 16h5'],
  settings: ['M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z', 'M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1'],
  lock: ['M6 11h12v10H6z', 'M8 11V7a4 4 0 0 1 8 0v4'],
  shield: ['M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z', 'M9 12l2 2 4-4'],
  folder: ['M3 6h6l2 2h10v11H3z'],
  check: ['M5 12l5 5 9-10'],
  alert: ['M12 3l10 18H2z', 'M12 10v5M12 18v.01'],
  printer: ['M7 9V3h10v6', 'M5 9h14v8H5z', 'M8 14h8v7H8z'],
  key: ['M8 15a4 4 0 1 0 0-8 4 4 0 0 0 0 8z', 'M11 11h10M18 11v3M15 11v2'],
  filter: ['M3 5h18l-7 8v6l-4 2v-8z'],
  fold: ['M4 4h16v16H4z', 'M9 4v16', 'M16 9l-3 3 3 3'],
  unfold: ['M4 4h16v16H4z', 'M9 4v16', 'M13 9l3 3-3 3'],
  calendar,
};

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
