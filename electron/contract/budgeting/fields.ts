import { z } from 'zod';
import { because } from '../issues';
import { uploadedFile } from '../uploads';
import { expectedUpdatedAt, id, requiredText } from '../common';

/** Field schemas the budgeting contract's parts share (not exported from the module). */

export const money = z.number().finite().int(because('wholeBani')).min(0, because('negativeAmount')).max(1e15);
export const code = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}._-]+$/u, because('codeChars'));

export const upload = {
  fileName: requiredText(255).refine((s) => !/[\\/\0]/.test(s), because('fileName')),
  ...uploadedFile('budgeting.importProposals'),
  dryRun: z.boolean().default(false),
};
export const ref = z.object({ id }).strict();
export const deleteRef = z.object({ id, expectedUpdatedAt }).strict();
export const campaignRef = z.object({ campaignId: id }).strict();
