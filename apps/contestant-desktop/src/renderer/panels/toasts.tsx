export interface Toast {
  id: number;
  title: string;
  body: string;
  tone: 'info' | 'good' | 'bad';
}

/** Toasts in the corner; announced politely to screen readers; each can be dismissed. */
export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss(id: number): void }) {
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.tone}`} data-testid="toast">
          <div>
            <strong>{t.title}</strong>
            <p>{t.body}</p>
          </div>
          <button type="button" className="ghost" onClick={() => onDismiss(t.id)} aria-label={`Dismiss: ${t.title}`}>×</button>
        </div>
      ))}
    </div>
  );
}
