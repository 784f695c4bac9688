/**
 * Worker-thread entry of the risk import's read (excel.ts, readRegister): parses `workerData.file` with the register's
 * columns and posts the rows read so far, then the result (core/worker.ts). ExcelJS's parse of a 2,000-risk register is
 * a second or more of JavaScript; here it no longer holds up the other users' requests on the server's main thread.
 */
import { workerData } from 'node:worker_threads';
import { readSheet } from '../excel-import';
import { postOutcome } from '../worker';
import { COLUMNS } from './columns';

postOutcome((onProgress) => readSheet((workerData as { file: string }).file, COLUMNS, { onProgress }));
