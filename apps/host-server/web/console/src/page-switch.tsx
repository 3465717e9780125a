import { AlertsPage } from './pages/alerts-page';
import { AuditPage } from './pages/audit-page';
import { BalloonsPage } from './pages/balloons-page';
import { ClarificationsPage } from './pages/clarifications-page';
import { ContestControlPage } from './pages/contest-control-page';
import { HealthPage } from './pages/health-page';
import { JudgesPage } from './pages/judges-page';
import { PrintsPage } from './pages/prints-page';
import { ScoreboardPage } from './pages/scoreboard-page';
import { SubmissionDetailPage } from './pages/submission-detail-page';
import { SubmissionsPage } from './pages/submissions-page';
import { TeamsPage } from './pages/teams-page';
import type { Route } from './route';
import { PageFrame } from './ui/page-frame';

/** The page of `route`; a page this account may not use says so. */
export function PageSwitch({ route, allowed }: { route: Route; allowed: boolean }) {
  if (!allowed) return <PageFrame title="Not available"><p>This page needs a jury or admin account.</p></PageFrame>;
  switch (route.page) {
    case 'control': return <ContestControlPage />;
    case 'submissions': return route.itemId ? <SubmissionDetailPage submissionId={route.itemId} /> : <SubmissionsPage />;
    case 'judges': return <JudgesPage />;
    case 'teams': return <TeamsPage />;
    case 'clarifications': return <ClarificationsPage />;
    case 'alerts': return <AlertsPage />;
    case 'balloons': return <BalloonsPage />;
    case 'prints': return <PrintsPage />;
    case 'health': return <HealthPage />;
    case 'audit': return <AuditPage />;
    case 'scoreboard': return <ScoreboardPage />;
  }
}
