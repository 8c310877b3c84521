import type { CalendarData, CalendarSettings } from '../domain/calendar/calendar-data';

/** GET /api/calendar: what the client needs to run the same deadline math as the server. */
export interface CalendarResponse {
  settings: CalendarSettings;
  calendar: CalendarData;
}
