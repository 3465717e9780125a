import { useState } from 'react';
import { credentialSlips, fetchAccounts, resetPassword, updateAccount } from '../api/console-api';
import type { AccountRow as TeamAccount } from '@arena/protocol';
import type { NewPassword } from '../api/console-schemas';
import { useConsoleData } from '../live/console-data';
import { useTopicVersion } from '../live/proctor-live';
import { useResource } from '../live/use-resource';
import { ActionButton } from '../ui/action-button';
import { formatTime } from '../ui/format';
import { EmptyRow, PageFrame } from '../ui/page-frame';
import { PasswordsDialog } from './passwords-dialog';
import { ImportDialog, TeamFormDialog } from './team-dialogs';

/** Opens the host's print-friendly slips page in a new tab (opened before the request: no pop-up block). */
async function openSlips(load: () => Promise<string>): Promise<void> {
  const win = window.open('', '_blank');
  try {
    const html = await load();
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    if (win) win.location.href = url;
    else location.assign(url);
  } catch (err) {
    win?.close();
    throw err;
  }
}

/**
 * Teams and their accounts: add, edit, enable/disable, import, reset a password, print
 * credential slips. Changing passwords (reset, slips) asks first and shows the new ones once.
 */
export function TeamsPage() {
  const { session, isAdmin } = useConsoleData();
  const res = useResource(() => fetchAccounts(session), useTopicVersion('accounts', 'teams'));
  const [editing, setEditing] = useState<TeamAccount | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [passwords, setPasswords] = useState<NewPassword[] | null>(null);
  const teams = res.data ?? [];
  const adminTools = isAdmin ? (
    <>
      <button type="button" className="c-button c-button--primary" onClick={() => setEditing('new')}>Add team</button>
      <button type="button" className="c-button" onClick={() => setImporting(true)}>Import TSV/JSON</button>
      <ActionButton label="Print credential slips" testId="print-slips" run={() => openSlips(() => credentialSlips(session))}
        confirm="Printing slips gives EVERY team a new password (the host keeps only hashes): old passwords stop working." confirmLabel="Reset and print" />
    </>
  ) : <span className="c-muted">Changes need an admin account.</span>;
  return (
    <PageFrame title="Teams" error={res.error} tools={adminTools}>
      <table className="c-table c-table--rows" data-testid="teams-table">
        <caption className="arena-visually-hidden">Teams and accounts</caption>
        <thead>
          <tr><th scope="col">Team</th><th scope="col">Id</th><th scope="col">Username</th><th scope="col">Groups</th><th scope="col">Status</th><th scope="col">Last seen</th>{isAdmin ? <th scope="col">Actions</th> : null}</tr>
        </thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.teamId} data-team-id={t.teamId} className={t.enabled ? undefined : 'c-row-disabled'}>
              <th scope="row">{t.displayName ?? t.name}</th>
              <td>{t.teamId}</td>
              <td>{t.username ?? '—'}</td>
              <td>{t.groupIds.join(', ')}</td>
              <td><span className={`c-tag ${t.enabled ? 'c-tag--ok' : 'c-tag--bad'}`}>{t.enabled ? 'Enabled' : 'Disabled'}</span></td>
              <td>{formatTime(t.lastSeenMs)}</td>
              {isAdmin ? (
                <td className="c-actions-cell">
                  <button type="button" className="c-button" onClick={() => setEditing(t)} aria-label={`Edit ${t.name}`}>Edit</button>
                  {t.enabled
                    ? <ActionButton label="Disable" variant="danger" run={() => updateAccount(session, t.teamId, { enabled: false })} onDone={res.reload}
                        confirm={`${t.name} can no longer log in or submit until enabled again.`} />
                    : <ActionButton label="Enable" run={() => updateAccount(session, t.teamId, { enabled: true })} onDone={res.reload} />}
                  <ActionButton label="Reset password" run={async () => setPasswords([{ ...(await resetPassword(session, t.teamId)), teamId: t.teamId }])}
                    confirm={`${t.name} gets a new password; the old one stops working.`} />
                  <ActionButton label="Slip" run={() => openSlips(() => credentialSlips(session, [t.teamId]))}
                    confirm={`Printing a slip gives ${t.name} a new password.`} confirmLabel="Reset and print" />
                </td>
              ) : null}
            </tr>
          ))}
          {res.data?.length === 0 ? <EmptyRow columns={isAdmin ? 7 : 6} text="No teams yet." /> : null}
        </tbody>
      </table>
      {editing !== null ? (
        <TeamFormDialog open team={editing === 'new' ? null : editing} onClose={() => { setEditing(null); res.reload(); }} onPasswords={setPasswords} />
      ) : null}
      {importing ? <ImportDialog open onClose={() => { setImporting(false); res.reload(); }} onPasswords={setPasswords} /> : null}
      <PasswordsDialog passwords={passwords} onClose={() => setPasswords(null)} />
    </PageFrame>
  );
}
