import path from 'node:path';

/** The embedded store's file in a data folder. (Its own file, so the CLI's commands can name it without importing core's index.) */
export const DB_FILE = 'pla-desk.db';
export const dbPath = (dataDir: string) => path.join(dataDir, DB_FILE);
