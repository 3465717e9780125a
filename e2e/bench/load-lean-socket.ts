import WebSocket from 'ws';

/**
 * A lean `/contestant` client for the load test's crowd: the socket.io wire protocol (engine.io
 * v4 over a websocket) spoken directly, so 2,000 of them fit in one process on a 2-core machine.
 * It answers pings and decodes only the `event` pushes (this team's submissions and judgements,
 * a few per team); board snapshots and deltas are recognised by their prefix and NOT parsed. A
 * real contestant decodes every delta on its own machine; socket.io-client doing that 2,000
 * times here saturated the generator (its sockets missed pings and the host dropped them), so
 * the figures measured the generator instead of the host.
 */
export interface LeanContestantSocket {
  /** Resolves when the namespace connected and the first board snapshot arrived. */
  readonly ready: Promise<void>;
  close(): void;
}

export interface LeanHandlers {
  /** A parsed `event` push (its payload, still unknown). */
  onEvent(payload: unknown): void;
  /** The connection ended without `close()`; `reason` says how. */
  onDisconnect(reason: string): void;
}

const NSP = '/contestant';

export function connectLeanContestant(hostUrl: string, auth: Record<string, unknown>, handlers: LeanHandlers): LeanContestantSocket {
  const ws = new WebSocket(`${hostUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  let closing = false;
  let connected = false;
  let settle: { resolve(): void; reject(err: Error): void } | null = null;
  const ready = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  const fail = (err: Error) => {
    settle?.reject(err);
    settle = null;
  };

  ws.on('message', (data: WebSocket.RawData) => {
    const text = data.toString();
    if (text === '2') { ws.send('3'); return; } // engine.io ping → pong
    if (text.startsWith('0')) { ws.send(`40${NSP},${JSON.stringify(auth)}`); return; } // engine.io open → namespace connect
    if (text.startsWith(`40${NSP},`)) { connected = true; return; }
    if (text.startsWith(`44${NSP},`)) { fail(new Error(`refused: ${text.slice(NSP.length + 3)}`)); return; }
    if (text.startsWith(`42${NSP},["scoreboard:snapshot"`)) { settle?.resolve(); settle = null; return; }
    if (text.startsWith(`42${NSP},["event",`)) {
      try {
        const [, payload] = JSON.parse(text.slice(NSP.length + 3)) as [string, unknown];
        handlers.onEvent(payload);
      } catch {
        handlers.onEvent(undefined); // counted as an unreadable push by the caller
      }
    }
    // Anything else (welcome, board deltas, session notices) is deliberately not decoded.
  });
  ws.on('error', (err) => fail(err));
  ws.on('close', (code) => {
    if (!connected) fail(new Error(`connection closed before the namespace connected (${code})`));
    if (!closing) handlers.onDisconnect(`websocket closed (${code})`);
  });
  return {
    ready,
    close() {
      closing = true;
      ws.close();
    },
  };
}
