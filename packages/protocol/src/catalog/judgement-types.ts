import type { JudgementType } from '../schemas/contest';

/**
 * The judgement types every Arena contest has: the CLICS defaults plus JE (judging error),
 * which never reaches a team's score (no penalty, not solved). Scoring reads `penalty`/`solved`
 * from here, so MLE and OLE carry a penalty like the other run-time rejections.
 */
export const DEFAULT_JUDGEMENT_TYPES: readonly JudgementType[] = Object.freeze([
  { id: 'AC', name: 'correct', penalty: false, solved: true },
  { id: 'WA', name: 'wrong answer', penalty: true, solved: false },
  { id: 'TLE', name: 'timelimit', penalty: true, solved: false },
  { id: 'RTE', name: 'run error', penalty: true, solved: false },
  { id: 'MLE', name: 'memory limit', penalty: true, solved: false },
  { id: 'OLE', name: 'output limit', penalty: true, solved: false },
  { id: 'CE', name: 'compiler error', penalty: false, solved: false },
  { id: 'JE', name: 'judging error', penalty: false, solved: false },
].map((t) => Object.freeze(t)));
