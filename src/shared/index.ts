export * from './text';
export * from './url';
