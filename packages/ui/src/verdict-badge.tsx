/** Verdicts the badge knows by name; anything else is shown as its id in neutral colours. */
const VERDICTS: Record<string, { label: string; tone: 'good' | 'bad' | 'neutral' | 'pending' }> = {
  AC: { label: 'Accepted', tone: 'good' },
  WA: { label: 'Wrong answer', tone: 'bad' },
  TLE: { label: 'Time limit exceeded', tone: 'bad' },
  RTE: { label: 'Run-time error', tone: 'bad' },
  MLE: { label: 'Memory limit exceeded', tone: 'bad' },
  OLE: { label: 'Output limit exceeded', tone: 'bad' },
  SV: { label: 'Security violation', tone: 'bad' },
  CE: { label: 'Compile error', tone: 'neutral' },
  JE: { label: 'Judging error', tone: 'pending' },
};

/** A verdict as a coloured pill ("AC", full name in the title and for screen readers); null = pending. */
export function VerdictBadge({ verdict }: { verdict: string | null }) {
  const known = verdict === null ? { label: 'Pending', tone: 'pending' as const } : VERDICTS[verdict] ?? { label: verdict, tone: 'neutral' as const };
  return (
    <span className={`arena-verdict arena-verdict--${known.tone}`} title={known.label} aria-label={known.label}>
      {verdict ?? '…'}
    </span>
  );
}
