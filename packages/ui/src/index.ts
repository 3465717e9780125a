export { cellDescription, cellKind, cellText, cellTries, type CellKind } from './cell-state';
export { contestPhase, formatClock, freezeBannerText, type ClockContest, type ContestPhase, type PhaseInfo } from './contest-phase';
export { ContestClock, useHostNow } from './contest-clock';
export { parseRgb, problemColor, relativeLuminance, textColorOn } from './problem-colors';
export { ScoreboardTable, type BoardProblem, type BoardTeam, type ScoreboardTableProps } from './scoreboard-table';
export { FLIP_DURATION_MS, useFlip, usePrefersReducedMotion } from './use-flip';
export { VerdictBadge } from './verdict-badge';
export { cellContribution, lastImprovementMinute, rankRows, type ScoreboardType } from './resolver/rank-rows';
export { planResolver, type ResolverInput, type ResolverPlan, type ResolverState, type ResolverStep } from './resolver/resolver-plan';
