import { computed, inject, type Signal } from '@angular/core';
import { forwardingStatus, type ForwardingStatus, type MegaForwarding } from '@hub/shared';
import { CalendarStore } from '../core/calendar/calendar.store';
import { HubClock } from '../core/live/hub-clock.service';

/** R6 on the hub clock with the shared calendar: the same rule as the server, re-evaluated each second. */
export function forwardingStatusOf(forwarding: Signal<MegaForwarding | null | undefined>): Signal<ForwardingStatus | null> {
  const calendar = inject(CalendarStore);
  const clock = inject(HubClock);
  return computed(() => {
    const f = forwarding();
    const cal = calendar.calendar();
    if (!f || !cal) return null;
    return forwardingStatus(f, new Date(clock.now()), cal, calendar.settings());
  });
}

export const forwardingKey = (s: ForwardingStatus) => `mega.status.${s}` as const;
