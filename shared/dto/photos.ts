/** Photo preference DTOs (see shared/api/photos.ts). */

export interface PhotoPreferenceDto {
  id: string;
  contactId: string;
  /** Null: the preference covers every event. */
  event: { id: string; name: string; startDate: string } | null;
  state: PhotoState;
  channel: Channel;
  /** The day the person said it (YYYY-MM-DD). */
  decidedOn: string;
  recordedBy: { id: string; name: string } | null;
  recordedAt: string;
  /** Set when the record was withdrawn (entered by mistake, or superseded by the person's word). */
  withdrawnAt: string | null;
}

/**
 * Where a person stands for one event:
 * - `opted_out`: must not be photographed;
 * - `allowed`: said yes;
 * - `undecided`: was asked and answered "not decided yet" (an explicit `unknown` record);
 * - `never_answered`: no preference in force at all (none recorded, or all withdrawn).
 */
export type PhotoStanding = 'opted_out' | 'allowed' | 'undecided' | 'never_answered';

export interface PublicationDto {
  id: string;
  eventId: string;
  eventName: string;
  /** A URL or a plain description such as "Newsletter May 2026". */
  location: string;
  publishedOn: string;
  description: string | null;
  recordedAt: string;
}

export interface TakedownOwedDto {
  contactId: string;
  contactName: string;
  publication: PublicationDto;
  /** The day the opt-out that makes it owed was decided. */
  optedOutOn: string;
  /** Whether that opt-out is for this event only or for every event. */
  source: 'event' | 'global';
}

export interface ContactPhotosDto {
  contactId: string;
  /** Every record, newest first, withdrawn ones included (marked). */
  preferences: PhotoPreferenceDto[];
  /** The global standing (every event unless an event says otherwise). */
  global: { standing: PhotoStanding; preferenceId: string | null };
  /** The person's events (attended) with their standing there and where it comes from. */
  events: Array<{ eventId: string; name: string; startDate: string; standing: PhotoStanding; source: 'event' | 'global' | null; preferenceId: string | null }>;
  takedownsOwed: TakedownOwedDto[];
}

export interface EventPhotoEntryDto {
  contactId: string;
  fullName: string;
  organisation: string | null;
  standing: PhotoStanding;
  /** Where the standing comes from; null for `never_answered`. */
  source: 'event' | 'global' | null;
  decidedOn: string | null;
  /** The contact has a profile photo on file (shown in the printed list). */
  hasPhoto: boolean;
}

export interface EventPhotoListDto {
  event: { id: string; name: string; startDate: string; endDate: string | null; location: string | null };
  counts: Record<PhotoStanding, number> & { attendees: number };
  /** By name; one entry per attendee. */
  mustNotPhotograph: EventPhotoEntryDto[];
  neverAnswered: EventPhotoEntryDto[];
  undecided: EventPhotoEntryDto[];
  allowed: EventPhotoEntryDto[];
}

export interface PhotoListFileDto {
  fileName: string;
  contentType: 'text/csv' | 'text/html';
  content: string;
}
import type { Channel, PhotoState } from '../vocabulary';
