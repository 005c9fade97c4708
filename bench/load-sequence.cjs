// autocannon's setupRequest for a sequence of distinct requests (a JSON file named by BENCH_SEQUENCE), each handed
// out once across all connections: receipts of different dossiers, look-ups of codes never asked before. It runs in
// autocannon's worker thread, which loads it by path (http-load.ts). A sequence that runs out starts again: the caller
// says so when the run could have sent more than it held.
const { readFileSync } = require('node:fs');

let sequence;
let next = 0;

module.exports = (request) => {
  sequence ??= JSON.parse(readFileSync(process.env.BENCH_SEQUENCE, 'utf8'));
  const item = sequence[next++ % sequence.length];
  return { ...request, ...item };
};
