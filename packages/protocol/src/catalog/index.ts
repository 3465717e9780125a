export * from './judgement-types';
export * from './languages';
