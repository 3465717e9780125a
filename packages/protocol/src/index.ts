export * from './version';
export * from './schemas/common';
export * from './schemas/contest';
export * from './schemas/judging';
export * from './schemas/scoreboard';
export * from './schemas/event';
export * from './schemas/judge';
export * from './schemas/http';
export type * from './events/judge-namespace';
