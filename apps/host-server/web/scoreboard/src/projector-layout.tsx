import { ContestClock, contestPhase, freezeBannerText, useHostNow } from '@arena/ui';
import type { Contest, ContestState } from '@arena/protocol';
import type { ReactNode, RefObject } from 'react';
import type { PageSlice } from './page-math';

export interface ProjectorLayoutProps {
  title: string;
  contest: Contest | null;
  state: ContestState | null;
  offsetMs: number;
  fingerprint: string | null;
  page: PageSlice | null;
  /** Replaces the clock (the resolver shows its progress there). */
  status?: ReactNode;
  /** Shown under the header (errors, connection state). */
  notice?: string | null;
  viewportRef: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/** The freeze banner (exact CLICS text) while the public board is frozen. */
function FreezeBanner({ contest, state, offsetMs }: { contest: Contest; state: ContestState | null; offsetMs: number }) {
  const info = contestPhase(contest, state, useHostNow(offsetMs, 1000));
  if (!info.frozen || info.freezeMinutes === null) return null;
  return <p className="projector-banner" role="status" data-testid="freeze-banner">{freezeBannerText(info.freezeMinutes)}</p>;
}

/**
 * The projector frame: contest name and clock on top, the freeze banner, the board filling the
 * rest of the screen, and a footer with the host address, its TLS fingerprint and the page.
 */
export function ProjectorLayout(props: ProjectorLayoutProps) {
  const { contest, state, offsetMs, page } = props;
  return (
    <div className="projector">
      <header className="projector-header">
        <h1 className="projector-title">{props.title}</h1>
        {props.status ?? (contest ? <ContestClock contest={contest} state={state} offsetMs={offsetMs} /> : null)}
      </header>
      {contest ? <FreezeBanner contest={contest} state={state} offsetMs={offsetMs} /> : null}
      {props.notice ? <p className="projector-notice" role="alert">{props.notice}</p> : null}
      <main className="projector-main" ref={props.viewportRef as RefObject<HTMLElement>}>{props.children}</main>
      <footer className="projector-footer">
        <span>Host <strong data-testid="host-address">{location.host}</strong></span>
        <span className="projector-fingerprint" data-testid="tls-fingerprint">
          {props.fingerprint ? <>TLS SHA-256 <strong>{props.fingerprint}</strong></> : 'TLS off (plain HTTP)'}
        </span>
        {page && page.pageCount > 1
          ? <span data-testid="page-indicator" aria-live="polite">{`Page ${page.page + 1} of ${page.pageCount}`}</span>
          : <span data-testid="page-indicator" />}
      </footer>
    </div>
  );
}
