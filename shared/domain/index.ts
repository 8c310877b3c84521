// The pure rules of the hub. No framework imports here: server and client both run these.
export * from './approval/item-status';
export * from './calendar/calendar-data';
