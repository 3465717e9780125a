import { startJudgeHost, seedContest, seedSubmission } from '/work/main/apps/host-server/test/helpers/judge-seed';
import { leaseNextJob } from '/work/main/apps/host-server/src/app/judging/lease-job';
import { reportResult } from '/work/main/apps/host-server/src/app/judging/job-reports';
const h = await startJudgeHost();
seedContest(h.ctx, { teams: 200 });
const N = Number(process.argv[2] ?? 1000);
let t = performance.now();
for (let i = 0; i < N; i++) seedSubmission(h.ctx, `t${(i % 200) + 1}`);
console.log(`enqueue ${N}: ${((performance.now() - t) / N).toFixed(3)} ms each`);
t = performance.now();
const leases: string[] = [];
for (;;) { const job = leaseNextJob(h.ctx, { agentId: 'a', languages: [] }); if (!job) break; leases.push(job.leaseId); }
console.log(`lease all ${leases.length}: ${(performance.now() - t).toFixed(0)} ms total, ${((performance.now() - t) / leases.length).toFixed(3)} ms each`);
t = performance.now();
for (const leaseId of leases) reportResult(h.ctx, 'a', { leaseId, verdict: 'AC' });
console.log(`results ${leases.length}: ${((performance.now() - t) / leases.length).toFixed(3)} ms each`);
await h.close();
