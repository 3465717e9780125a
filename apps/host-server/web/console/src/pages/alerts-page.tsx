import { useEffect, useState } from 'react';
import { useConsoleData } from '../live/console-data';
import { formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';
import { JudgingAlertList } from './judges-page';

const KIND_TEXT: Record<string, string> = {
  'focus-lost': 'Left the app', 'focus-regained': 'Back in the app', 'display-count-changed': 'Displays changed',
  'virtual-machine': 'Virtual machine', 'app-started': 'App started', 'quit-attempt': 'Tried to quit',
  disconnected: 'Disconnected', connected: 'Connected',
};
const CALM = new Set(['focus-regained', 'app-started', 'connected']);

/** Lockdown alerts from the contestant desktops, per team with host time, and judging errors. Opening the page marks them seen. */
export function AlertsPage() {
  const { alerts, markAlertsSeen, teams } = useConsoleData();
  const [team, setTeam] = useState('');
  useEffect(() => { markAlertsSeen(); }, [alerts, markAlertsSeen]);
  const shown = team ? alerts.filter((a) => a.teamId === team) : alerts;
  return (
    <PageFrame title="Alerts">
      <div className="c-filters">
        <label htmlFor="alerts-team">Team</label>
        <select id="alerts-team" value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">All teams</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.display_name ?? t.name}</option>)}
        </select>
      </div>
      <table className="c-table c-table--rows" data-testid="alerts-table">
        <caption>Contestant PCs (lockdown)</caption>
        <thead><tr><th scope="col">Time</th><th scope="col">Team</th><th scope="col">What</th><th scope="col">Detail</th></tr></thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.id} data-kind={a.kind}>
              <td>{formatTime(a.timeMs)}</td>
              <td>{a.teamName}</td>
              <td><span className={`c-tag ${CALM.has(a.kind) ? 'c-tag--ok' : 'c-tag--bad'}`}>{KIND_TEXT[a.kind] ?? a.kind}</span></td>
              <td>{a.detail}</td>
            </tr>
          ))}
          {shown.length === 0 ? <EmptyRow columns={4} text="No alerts." /> : null}
        </tbody>
      </table>
      <h2>Judging errors</h2>
      <JudgingAlertList />
    </PageFrame>
  );
}
