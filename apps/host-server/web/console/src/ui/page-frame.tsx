import type { ReactNode } from 'react';

/** A page: its title (the one h1), optional tools on the right, a load error, the content. */
export function PageFrame({ title, tools, error, children }: { title: string; tools?: ReactNode; error?: string | null; children: ReactNode }) {
  return (
    <section className="c-page" aria-labelledby="page-title">
      <div className="c-page-head">
        <h1 id="page-title" tabIndex={-1}>{title}</h1>
        {tools ? <div className="c-page-tools">{tools}</div> : null}
      </div>
      {error ? <p className="c-error c-load-error" role="alert">{`Could not load: ${error}`}</p> : null}
      {children}
    </section>
  );
}

/** A table's empty state, as one full-width row. */
export function EmptyRow({ columns, text }: { columns: number; text: string }) {
  return <tr><td colSpan={columns} className="c-empty">{text}</td></tr>;
}
