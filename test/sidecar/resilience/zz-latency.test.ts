import { it } from '@jest/globals';
import { runConcurrently, startRig, startSims } from './rig.js';
it('latency', async () => {
  const sims = await startSims();
  const rig = await startRig(sims);
  for (const conc of [1, 8, 32]) {
    const t = performance.now();
    const replies = await runConcurrently(400, conc, () => rig.chat());
    const ms = replies.map((r) => r.ms).sort((a, b) => a - b);
    console.log(conc, 'total', Math.round(performance.now() - t), 'p50', ms[200], 'p99', ms[396]);
  }
  const t = performance.now();
  await runConcurrently(200, 32, () => rig.chat({ stream: true }));
  console.log('stream total', Math.round(performance.now() - t));
  await rig.close();
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
}, 120_000);
