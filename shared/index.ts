export * from './contracts';
export * from './domain';
