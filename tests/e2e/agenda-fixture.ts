import { createCore, headlessPlatform } from '../../electron/core';

/**
 * Run as `node --import tsx tests/e2e/agenda-fixture.ts DATA_DIR` by agenda.spec.ts before the server starts:
 * two funding calls still open, one whose deadline passed three days ago (late) and one due in two days (this week).
 */
const SYSTEM = { sessionId: null, system: true };
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function prepare(dir: string) {
  const core = await createCore({ dataDir: dir, platform: headlessPlatform('cli') });
  try {
    for (const [code, title, deadline] of [
      ['AG/LATE/1', 'Apel cu termen depășit', day(-3)],
      ['AG/WEEK/1', 'Apel cu termen săptămâna aceasta', day(2)],
    ] as const) {
      const r = await core.call(
        'funding.saveCall',
        {
          programme: 'regio_vest',
          priority: 'P1',
          managingBody: 'ADR Vest',
          code,
          title,
          type: 'competitive',
          status: 'open',
          openingDate: day(-60),
          deadline,
          nonReimbursable: true,
        },
        SYSTEM,
      );
      if (!r.ok) throw new Error(r.error.message);
    }
  } finally {
    await core.close();
  }
}

await prepare(process.argv[2]!);
