export * from './auth';
export * from './calendar';
export * from './card';
export * from './departments';
export * from './events';
export * from './problem';
export * from './projects';
export * from './calendar-response';
