import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestHost, type ApiTestHost } from '../../apps/host-server/test/helpers/api-host';
import { freePort } from '../../apps/host-server/test/helpers/redis-server';

// The Grafana dashboard cannot drift from the metrics: every metric name its panels query must be
// exported by a REAL host's /metrics or a REAL judge agent's (`judge serve --metrics-port`, in its
// own process, connected to that host). Also checks the dashboard is a well-formed import file.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DASHBOARD = join(REPO, 'build/grafana/arena-dashboard.json');
const JUDGE_CLI = join(REPO, 'apps/judge-agent/src/main/cli.ts');
const JUDGE_KEY = 'dashboard-test-judge-key-0123456789';

interface Target { expr?: string; refId?: string; datasource?: { uid?: string } }
interface Panel { id: number; type: string; title: string; gridPos?: object; datasource?: { uid?: string }; targets?: Target[]; panels?: Panel[] }
interface Dashboard { __inputs: Array<{ name: string; type: string; pluginId: string }>; schemaVersion: number; uid: string; title: string; panels: Panel[] }

let host: ApiTestHost;
let judge: ChildProcess | undefined;
let judgeExited: Promise<unknown> | undefined;
let workDir: string;
let judgeMetricsUrl: string;
let judgeStderr = '';

function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = match as unknown as [string, string, string];
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name + suffix);
  }
  return names;
}

function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}

/** Metric names in a PromQL expression: our own, the process's and Node's (what we export). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b((?:arena|process|nodejs)_[a-zA-Z0-9_]+)\b/g)].map((m) => m[1]!);
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return res.text();
}

beforeAll(async () => {
  host = await startApiTestHost({ config: { judgeKey: JUDGE_KEY }, seed: false });
  workDir = mkdtempSync(join(tmpdir(), 'arena-dashboard-judge-'));
  chmodSync(workDir, 0o711); // sandbox uids must traverse to their boxes under it
  const port = await freePort();
  judgeMetricsUrl = `http://127.0.0.1:${port}/metrics`;
  judge = spawn(process.execPath, ['--import', 'tsx', JUDGE_CLI, 'serve', '--host', host.url, '--work-dir', join(workDir, 'work'),
    '--cache-dir', join(workDir, 'cache'), '--metrics-port', String(port), '--metrics-host', '127.0.0.1'],
  { cwd: REPO, env: { ...process.env, ARENA_JUDGE_KEY: JUDGE_KEY, ARENA_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
  judge.stderr?.on('data', (chunk: Buffer) => { judgeStderr = (judgeStderr + chunk.toString()).slice(-5000); });
  judgeExited = new Promise((resolve) => judge!.once('exit', resolve));
  // Ready when the judge serves its metrics and says it is connected.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const text = await scrape(judgeMetricsUrl).catch(() => '');
    if (/^arena_judge_connected 1$/m.test(text)) break;
    if (judge.exitCode !== null || Date.now() > deadline) throw new Error(`judge did not connect with metrics on: ${judgeStderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 90_000);

afterAll(async () => {
  if (judge && judge.exitCode === null && judge.signalCode === null) judge.kill('SIGTERM');
  await judgeExited;
  await host?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('Grafana dashboard (build/grafana/arena-dashboard.json)', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
  const panels = allPanels(dashboard.panels);
  const queried = panels.filter((p) => p.type !== 'row');

  it('is an importable dashboard over a ${DS_PROMETHEUS} input, every panel placed and querying it', () => {
    expect(dashboard.__inputs).toContainEqual(expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }));
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    expect(queried.length).toBeGreaterThanOrEqual(10);
    for (const panel of queried) {
      expect(panel.gridPos, panel.title).toBeDefined();
      expect(panel.datasource?.uid, panel.title).toBe('${DS_PROMETHEUS}');
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource?.uid, panel.title).toBe('${DS_PROMETHEUS}');
        expect(metricNames(target.expr ?? ''), `${panel.title}: ${target.expr}`).not.toEqual([]);
      }
    }
    const titles = queried.map((p) => p.title.toLowerCase()).join(' | ');
    for (const topic of ['queue depth', 'oldest waiting', 'verdict latency', 'judges online', 'sockets by namespace', 'http errors', 'judging errors', 'submissions per minute']) {
      expect(titles).toContain(topic);
    }
  });

  it('queries only metrics a real host or a real judge agent exports', async () => {
    const hostText = await scrape(`${host.url}/metrics`);
    const judgeText = await scrape(judgeMetricsUrl);
    const exported = new Set([...exportedNames(hostText), ...exportedNames(judgeText)]);
    const used = new Set(queried.flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr ?? ''))));
    const missing = [...used].filter((name) => !exported.has(name));
    expect(missing).toEqual([]);
    // Both sources are really used by the dashboard.
    expect([...used].some((n) => exportedNames(judgeText).has(n) && n.startsWith('arena_judge_') && !exportedNames(hostText).has(n))).toBe(true);
    expect([...used].some((n) => exportedNames(hostText).has(n) && n.startsWith('arena_') && !exportedNames(judgeText).has(n))).toBe(true);
  });

  it('sees the connected judge from both sides: the host counts it on /judge, the agent reports itself connected', async () => {
    const hostText = await scrape(`${host.url}/metrics`);
    expect(hostText).toMatch(/^arena_namespace_sockets\{namespace="\/judge"\} 1$/m);
    const judgeText = await scrape(judgeMetricsUrl);
    expect(judgeText).toMatch(/^arena_judge_connected 1$/m);
    expect(judgeText).toMatch(/^arena_judge_leases 0$/m);
  });
});
