export * from './types';
export * from './severity';
export * from './event-machine';
export * from './event-record';
export * from './snapshot-cap';
export * from './snapshot-url';
