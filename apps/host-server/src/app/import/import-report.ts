import type { ChangeCounts } from './apply-import';

/** What an import did, for the CLI, the console and the audit log. */
export interface ImportReport {
  contestId: string;
  contestName: string;
  /** true for a new contest, false for a re-import that updated an existing one. */
  created: boolean;
  problems: Array<{
    id: string;
    label: string;
    name: string;
    format: 'legacy-icpc' | '2025-09';
    type: 'pass-fail' | 'scoring';
    validation: 'default' | 'custom' | 'custom-interactive';
    timeLimitS: number;
    sampleTestcases: number;
    secretTestcases: number;
    statements: string[];
    attachments: number;
  }>;
  counts: { groups: number; organizations: number; teams: number; accounts: number; languages: number; judgementTypes: number };
  changes: ChangeCounts;
  warnings: string[];
}

/** The report as readable lines for a terminal. */
export function formatImportReport(report: ImportReport): string {
  const lines = [
    `${report.created ? 'Imported' : 'Updated'} contest ${report.contestId} (${report.contestName})`,
    '',
    'Problems:',
    ...report.problems.map((p) => `  ${p.label.padEnd(3)} ${p.id.padEnd(16)} ${p.name} — ${p.type}, ${p.validation} validation, ` +
      `${p.timeLimitS} s, ${p.sampleTestcases} sample + ${p.secretTestcases} secret test cases, ` +
      `statements: ${p.statements.join(', ') || 'none'}${p.attachments > 0 ? `, ${p.attachments} attachment(s)` : ''}`),
    '',
    `Teams: ${report.counts.teams}, organizations: ${report.counts.organizations}, groups: ${report.counts.groups}, ` +
      `accounts: ${report.counts.accounts}, languages: ${report.counts.languages}`,
    `Changes: ${report.changes.created} created, ${report.changes.updated} updated, ${report.changes.deleted} deleted, ${report.changes.unchanged} unchanged`,
  ];
  if (report.warnings.length > 0) lines.push('', `Warnings (${report.warnings.length}):`, ...report.warnings.map((w) => `  - ${w}`));
  return lines.join('\n');
}
