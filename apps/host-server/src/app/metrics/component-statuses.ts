/** How one part of the host is doing right now, as the operator should read it. */
export interface ComponentStatus {
  /** False while the part runs degraded (e.g. rankings served in-process while Redis is down). */
  ok: boolean;
  detail: string;
}

/**
 * Named status providers that modules register at start and `/healthz`, `/metrics` (and the
 * proctor console) read when asked. A provider that throws reports itself as not ok.
 */
export class ComponentStatuses {
  private readonly providers = new Map<string, () => ComponentStatus>();

  register(name: string, provider: () => ComponentStatus): void {
    this.providers.set(name, provider);
  }

  all(): Record<string, ComponentStatus> {
    const out: Record<string, ComponentStatus> = {};
    for (const [name, provider] of this.providers) {
      try {
        out[name] = provider();
      } catch (err) {
        out[name] = { ok: false, detail: `status unavailable: ${(err as Error).message}` };
      }
    }
    return out;
  }
}
