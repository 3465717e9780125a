import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CONSOLE_DIST_DIR, CONTESTANT_APP_DIST_DIR, SCOREBOARD_DIST_DIR } from '../../http/routes/web-static-routes';

/** Each web app the host serves, where its build lands, and the pnpm script that builds it. */
const WEB_APPS = [
  { name: 'projector scoreboard', distDir: SCOREBOARD_DIST_DIR, filter: '@arena/web-scoreboard', script: 'build' },
  { name: 'proctor console', distDir: CONSOLE_DIST_DIR, filter: '@arena/web-console', script: 'build' },
  { name: 'contestant app', distDir: CONTESTANT_APP_DIST_DIR, filter: '@arena/contestant-desktop', script: 'build:renderer' },
] as const;

/**
 * `pnpm start` on a fresh checkout: builds whichever web app has no build yet (first start
 * only; `pnpm build` builds them all), so every URL the banner prints works. A failed build is
 * reported and the host still starts: that page answers "run pnpm build" until it is built.
 */
export function ensureWebAppsBuilt(repoRoot: string, log: Logger): void {
  for (const app of WEB_APPS) {
    if (existsSync(join(app.distDir, 'index.html'))) continue;
    process.stderr.write(`Building the ${app.name} (first start only; this takes a minute)…\n`);
    const result = spawnSync('pnpm', ['--filter', app.filter, 'run', app.script], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) log.error({ app: app.name, status: result.status, error: result.error?.message }, 'building a web app failed: run `pnpm build` to see why');
  }
}
