import { format, parseISO } from 'date-fns';

/*
 * Dates are stored as ISO-8601 UTC strings. Lists show them in the viewer's
 * zone, except interviews, which are shown in the zone they were scheduled
 * in (a candidate in Paris and an interviewer in Lagos see the same time).
 */

export function formatDate(iso: string): string {
  return format(parseISO(iso), 'd MMM yyyy');
}

export function formatDateTime(iso: string): string {
  return format(parseISO(iso), 'd MMM yyyy, HH:mm');
}

const zonedFormatters = new Map<string, Intl.DateTimeFormat>();

// dateStyle/timeStyle cannot be combined with timeZoneName, so the fields are spelled out.
const zonedParts: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

function zonedFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zonedFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { ...zonedParts, timeZone });
    } catch {
      // An unknown zone (validated by pattern only) falls back to UTC rather than breaking the list.
      formatter = new Intl.DateTimeFormat('en-GB', { ...zonedParts, timeZone: 'UTC' });
    }
    zonedFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "24 Nov 2026, 10:30 CET": the instant as a clock in `timeZone` reads it. */
export function formatInTimeZone(iso: string, timeZone: string): string {
  return zonedFormatter(timeZone).format(parseISO(iso));
}
