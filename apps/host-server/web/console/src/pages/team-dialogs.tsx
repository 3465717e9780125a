import { useState, type FormEvent } from 'react';
import { createAccount, importAccounts, updateAccount } from '../api/console-api';
import type { AccountRow as TeamAccount } from '@arena/protocol';
import type { NewPassword } from '../api/console-schemas';
import { errorText } from '../api/host-request';
import { useConsoleData } from '../live/console-data';
import { Dialog } from '../ui/dialog';

const splitIds = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** Add a team (with its account) or edit one; `team: null` adds. */
export function TeamFormDialog({ open, team, onClose, onPasswords }: { open: boolean; team: TeamAccount | null; onClose(): void; onPasswords(p: NewPassword[]): void }) {
  const { session } = useConsoleData();
  const [name, setName] = useState(team?.name ?? '');
  const [displayName, setDisplayName] = useState(team?.displayName ?? '');
  const [teamId, setTeamId] = useState('');
  const [username, setUsername] = useState('');
  const [organizationId, setOrganizationId] = useState(team?.organizationId ?? '');
  const [groups, setGroups] = useState((team?.groupIds ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (team) {
        await updateAccount(session, team.teamId, { name: name.trim(), ...(displayName.trim() ? { displayName: displayName.trim() } : {}), groupIds: splitIds(groups) });
      } else {
        const created = await createAccount(session, {
          name: name.trim(), ...(teamId.trim() ? { teamId: teamId.trim() } : {}), ...(username.trim() ? { username: username.trim() } : {}),
          ...(displayName.trim() ? { displayName: displayName.trim() } : {}), ...(organizationId.trim() ? { organizationId: organizationId.trim() } : {}),
          groupIds: splitIds(groups),
        });
        onPasswords([{ teamId: created.teamId, username: created.username ?? created.teamId, password: created.password }]);
      }
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title={team ? `Edit ${team.name}` : 'Add team'} onClose={onClose}>
      <form className="c-form" onSubmit={(e) => void submit(e)}>
        {team ? null : (
          <>
            <label htmlFor="team-id">Team id (optional)</label>
            <input id="team-id" value={teamId} onChange={(e) => setTeamId(e.target.value)} />
            <label htmlFor="team-username">Username (optional, default: the team id)</label>
            <input id="team-username" value={username} onChange={(e) => setUsername(e.target.value)} />
            <label htmlFor="team-org">Organization id (optional)</label>
            <input id="team-org" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)} />
          </>
        )}
        <label htmlFor="team-name">Name</label>
        <input id="team-name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        <label htmlFor="team-display">Display name (optional)</label>
        <input id="team-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <label htmlFor="team-groups">Group ids (comma separated)</label>
        <input id="team-groups" value={groups} onChange={(e) => setGroups(e.target.value)} />
        {error ? <p className="c-error" role="alert">{error}</p> : null}
        <div className="c-dialog-actions">
          <button type="button" className="c-button" onClick={onClose}>Cancel</button>
          <button type="submit" className="c-button c-button--primary" disabled={busy || name.trim() === ''}>{team ? 'Save' : 'Add team'}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Import teams from TSV or JSON text (or a file): all or nothing; bad lines are listed by the host. */
export function ImportDialog({ open, onClose, onPasswords }: { open: boolean; onClose(): void; onPasswords(p: NewPassword[]): void }) {
  const { session } = useConsoleData();
  const [format, setFormat] = useState<'tsv' | 'json'>('tsv');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await importAccounts(session, format, text);
      onClose();
      onPasswords(result.passwords);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} title="Import teams" onClose={onClose}>
      <form className="c-form" onSubmit={(e) => void submit(e)}>
        <fieldset className="c-radios">
          <legend>Format</legend>
          <label><input type="radio" name="import-format" checked={format === 'tsv'} onChange={() => setFormat('tsv')} /> TSV (teams.tsv)</label>
          <label><input type="radio" name="import-format" checked={format === 'json'} onChange={() => setFormat('json')} /> JSON (teams.json)</label>
        </fieldset>
        <label htmlFor="import-file">From a file</label>
        <input id="import-file" type="file" accept=".tsv,.json,.txt" onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void file.text().then((t) => { setText(t); if (file.name.endsWith('.json')) setFormat('json'); });
        }} />
        <label htmlFor="import-text">Or paste</label>
        <textarea id="import-text" rows={10} value={text} onChange={(e) => setText(e.target.value)} required />
        {error ? <p className="c-error c-pre" role="alert">{error}</p> : null}
        <div className="c-dialog-actions">
          <button type="button" className="c-button" onClick={onClose}>Cancel</button>
          <button type="submit" className="c-button c-button--primary" disabled={busy || text.trim() === ''}>Import</button>
        </div>
      </form>
    </Dialog>
  );
}
