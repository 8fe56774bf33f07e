/**
 * The charts' colours: each at least 4.5:1 against the white panel (WCAG 1.4.11 asks 3:1
 * of graphics), told apart by hue and by a white edge between stacked segments.
 */
import type { RequestType } from '../../../shared/vocabulary';

export const requestTypeColours: Record<RequestType, string> = {
  access: '#1d5c8a',
  rectification: '#17663f',
  erasure: '#b3261e',
  portability: '#6b3fa0',
  restriction: '#8a5200',
  objection: '#00707a',
  consent_withdrawal: '#4d5766',
};

export const consentColours = { granted: '#17663f', withdrawn: '#b3261e', objected: '#8a5200', restricted: '#4d5766' } as const;

export const erasureColours = { erased: '#b3261e', category: '#8a5200', anonymised: '#6b3fa0', retentionRuns: '#1d5c8a', requestsErased: '#4d5766' } as const;
