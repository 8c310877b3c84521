// The pure rules of the hub. No framework imports here: server and client both run these.
export * from './approval/item-status';
export * from './approval/item-transitions';
export * from './approval/deemed-consent';
export * from './calendar/calendar-data';
export * from './calendar/civil-date';
export * from './calendar/time-zone';
export * from './calendar/working-calendar';
export * from './calendar/statutory-holidays';
export * from './calendar/shipped-calendar';
export * from './calendar/deadline';
export * from './projects/mega-project';
export * from './permissions/can';
export * from './board/card-entry';
export * from './board/board-status';
export * from './meetings/meeting-rules';
