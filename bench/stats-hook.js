'use strict';
// Preloaded into a measured process (`node -r bench/stats-hook.js …`, by bench/run.js): when the
// process exits, writes its peak RSS and CPU time as JSON to the file named by $BENCH_STATS_FILE.
// Lets the bench measure commands it does not control (the CLI) without /usr/bin/time.
const fs = require('fs');

const file = process.env.BENCH_STATS_FILE;
if (file) {
  const t0 = process.hrtime.bigint();
  process.on('exit', () => {
    const ru = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({
      // From the end of preloading to exit: the command's own time, without node's start.
      ms: Number(process.hrtime.bigint() - t0) / 1e6,
      cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000,
      maxRssMb: ru.maxRSS / 1024,
    }));
  });
}
