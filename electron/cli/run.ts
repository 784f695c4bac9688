import { main } from './index';

// `pla-desk … | head`: once the reader has gone, stop quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`pla-desk: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
