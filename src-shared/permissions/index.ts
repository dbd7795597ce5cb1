export * from './row-filter';
export * from './table';
export * from './access';
export * from './principal';
export * from './ownership';
