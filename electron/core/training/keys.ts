import { z } from 'zod';
import { foldText } from '../../contract/text';

/** Matching keys for people: a name without diacritics (ș ş → s), case or extra spaces; an e-mail in lower case. */
export const nameKey = (s: string) =>
  foldText(s)
    .replace(/[\s\-_.,]+/g, ' ')
    .trim();
export const emailKey = (s: string) => s.trim().toLowerCase();

/** A cell schema whose union failures ("Invalid input") read as `message`; other messages are kept. */
export const explain = <T extends z.ZodType>(schema: T, message: string) =>
  z.any().transform((v, ctx) => {
    if (v == null) {
      const r0 = schema.safeParse(v);
      if (r0.success) return r0.data as z.output<T>;
      ctx.addIssue({ code: 'custom', message: 'required' });
      return z.NEVER;
    }
    const r = schema.safeParse(v);
    if (r.success) return r.data as z.output<T>;
    const msgs = r.error.issues.map((i) => i.message).filter((m) => m !== 'Invalid input');
    ctx.addIssue({ code: 'custom', message: msgs.length ? msgs.join('; ') : message });
    return z.NEVER;
  });
