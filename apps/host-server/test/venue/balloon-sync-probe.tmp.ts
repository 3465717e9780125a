import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseHostConfig } from '../../src/app/host-config';
import { buildHost } from '../../src/main/build-host';
import { seedApiContest } from '../helpers/api-seed';
import { syncBalloonPairs, syncBalloons } from '../../src/app/venue/balloons';

const dataDir = mkdtempSync(join(tmpdir(), 'h2-bench-'));
const host = await buildHost(parseHostConfig({ dataDir, listenHost: '127.0.0.1', port: 0, tls: false, mdns: false }), { log: pino({ level: 'silent' }) });
const seed = seedApiContest(host.ctx, { teams: 200, teamPassword: 'x' });
const C = seed.contestId;
host.ctx.store.write((tx) => {
  let seq = 0;
  for (let t = 1; t <= 200; t++) for (let p = 0; p < 2; p++) for (let k = 0; k < 20; k++) {
    seq++;
    const sid = `s${seq}`;
    tx.db.prepare(`INSERT INTO submissions (contest_id, id, seq, team_id, problem_id, language_id, time_ms, contest_time_ms, files, zip_sha256, entry_point, data) VALUES (?, ?, ?, ?, ?, 'cpp', ?, ?, '[]', 'x', NULL, '{}')`)
      .run(C, sid, seq, `team${t}`, p === 0 ? 'hello' : 'sum', seq, seq);
    tx.db.prepare(`INSERT INTO judgements (contest_id, id, submission_id, judgement_type_id, valid, start_ms, end_ms, data) VALUES (?, ?, ?, ?, 1, 0, 1, '{}')`)
      .run(C, `j${seq}`, sid, k % 5 === 4 ? 'AC' : 'WA');
  }
});
for (let i = 0; i < 3; i++) syncBalloons(host.ctx, C);
let t0 = performance.now();
for (let i = 0; i < 10; i++) syncBalloons(host.ctx, C);
console.log(`8000 submissions, 400 balloons: full sync ${((performance.now() - t0) / 10).toFixed(2)} ms`);
t0 = performance.now();
for (let i = 0; i < 500; i++) syncBalloonPairs(host.ctx, C, [{ teamId: `team${1 + (i % 200)}`, problemId: 'hello' }]);
console.log(`one (team, problem) pair: ${((performance.now() - t0) / 500).toFixed(3)} ms per judgement`);
await host.close();
rmSync(dataDir, { recursive: true, force: true });
