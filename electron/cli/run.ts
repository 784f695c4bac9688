import { takeLang } from './help';

// `pla-desk … | head`: once the reader has gone, stop quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

/**
 * `datasets validate` and `datasets infer` read a file and need no database: they run from their own module, without
 * loading the core (the database driver, ExcelJS, SSH), so the command costs what the reading costs. Every other
 * command loads the whole table (index.ts).
 */
async function main(args: string[]): Promise<number> {
  const { argv } = takeLang(args);
  if (argv[0] === 'datasets') {
    const { datasetsCommands } = await import('./datasets');
    if (datasetsCommands[`${argv[0]} ${argv[1]}`]) {
      const [{ dispatch }, { APP_VERSION }] = await Promise.all([import('./dispatch'), import('../core/admin/version')]);
      return dispatch(args, datasetsCommands, APP_VERSION);
    }
  }
  return (await import('./index')).main(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`pla-desk: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
