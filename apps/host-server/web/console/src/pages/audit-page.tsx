import { fetchAudit } from '../api/console-api';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';

/** Details as short "key: value" text (JSON for nested values). */
function detailText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ');
}

/** Every jury action on this contest, newest first: who, when, what. */
export function AuditPage() {
  const { session } = useConsoleData();
  const res = useResource(() => fetchAudit(session), useTopicVersion('audit'));
  return (
    <PageFrame title="Audit log" error={res.error}>
      <table className="c-table c-table--rows" data-testid="audit-table">
        <caption className="arena-visually-hidden">Audit log, newest first</caption>
        <thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Details</th></tr></thead>
        <tbody>
          {(res.data ?? []).map((e) => (
            <tr key={String(e.id)} data-action={e.action}>
              <td>{formatTime(e.timeMs)}</td>
              <td>{e.actor}</td>
              <td><code>{e.action}</code></td>
              <td className="c-message">{detailText(e.details)}</td>
            </tr>
          ))}
          {res.data?.length === 0 ? <EmptyRow columns={4} text="Nothing recorded yet." /> : null}
        </tbody>
      </table>
    </PageFrame>
  );
}
