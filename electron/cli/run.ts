import { main } from './index';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`pla-desk: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
