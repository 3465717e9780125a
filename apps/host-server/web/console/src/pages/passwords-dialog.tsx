import type { NewPassword } from '../api/console-schemas';
import { Dialog } from '../ui/dialog';

/** New passwords, shown once (the host keeps only hashes): write them down or print slips. */
export function PasswordsDialog({ passwords, onClose }: { passwords: NewPassword[] | null; onClose(): void }) {
  return (
    <Dialog open={passwords !== null} title="New passwords (shown once)" onClose={onClose}>
      <p>The host stores only hashes: these passwords cannot be shown again.</p>
      <table className="c-table" data-testid="new-passwords">
        <thead><tr><th scope="col">Team</th><th scope="col">Username</th><th scope="col">Password</th></tr></thead>
        <tbody>
          {(passwords ?? []).map((p) => (
            <tr key={p.username}><td>{p.teamId ?? '—'}</td><td>{p.username}</td><td><code className="c-secret">{p.password}</code></td></tr>
          ))}
        </tbody>
      </table>
      <div className="c-dialog-actions"><button type="button" className="c-button c-button--primary" onClick={onClose} autoFocus>Done</button></div>
    </Dialog>
  );
}
