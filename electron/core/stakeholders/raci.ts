import type { DbOrTx } from '../../../db/connection';
import { getRow } from '../../../db/queries/rows';
import * as q from '../../../db/queries/stakeholders';
import { AppError, validationError, type MethodName, type ParsedInputOf, type RaciLink, type RaciMatrix, type RaciRole } from '../../contract';
import type { ServiceContext } from '../context';
import { newId } from '../util';
import { conflict, insertAudited, softDeleteRow } from '../writes';
import { toRaci } from './mappers';

type In<K extends MethodName> = ParsedInputOf<K>;

/** Natural order of plan codes: A1.2 before A1.10. */
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'en', { numeric: true });

/**
 * A breach of the one-Accountable rule, with what the user's message names (the action's code, the current A).
 * Reasons: `second_accountable`, `accountable_first`, `accountable_required` (stakeholders.errors.* in the catalogues).
 */
export function raciRuleError(reason: 'second_accountable' | 'accountable_first' | 'accountable_required', action: string, accountable?: string) {
  const english = {
    second_accountable: `action ${action} already has an Accountable (${accountable ?? '?'}); an action has exactly one — move it instead of adding a second`,
    accountable_first: `action ${action} has no Accountable yet; name its Accountable first`,
    accountable_required: `the Accountable of action ${action} cannot be removed while the action has other RACI roles; move it to another stakeholder, or remove the other roles first`,
  }[reason];
  return new AppError('VALIDATION', `role: ${english}`, {
    issues: [{ field: 'role', reason, message: english, params: { action, ...(accountable ? { name: accountable } : {}) } }],
  });
}

/** The matrix: every live action × the register's organisations (and any person holding a role). */
export async function raciMatrixOf(db: DbOrTx): Promise<RaciMatrix> {
  const links = (await q.listRaci(db)).map(toRaci);
  const stakeholders = await q.raciMatrixStakeholders(db);
  const accountable = new Map(
    links.filter((l) => l.role === 'accountable').map((l) => [l.actionId, { stakeholderId: l.stakeholderId, name: l.stakeholderName }]),
  );
  const actions = (await q.raciMatrixActions(db))
    .sort(byCode)
    .map((a) => ({ id: a.id, code: a.code, title: a.title, accountable: accountable.get(a.id) ?? null }));
  return { actions, stakeholders: stakeholders.map((s) => ({ id: s.id, name: s.name, type: s.type })), links };
}

export const raciMatrix = (ctx: ServiceContext) => raciMatrixOf(ctx.db);

/**
 * One cell: the stakeholder's roles on the action become `role` alone (or none). The action's roles after the
 * change must hold exactly one Accountable, or none at all; a breach is refused with the rule named and the action's
 * code, and nothing is written. Each link removed or added is audited.
 */
export async function setRaciCell(ctx: ServiceContext, input: In<'stakeholders.setRaciCell'>): Promise<RaciLink[]> {
  await ctx.tx(async (trx) => {
    const s = await getRow(trx, 'stakeholders', input.stakeholderId);
    if (!s || s.deleted_at) throw validationError('stakeholderId', 'not_found', 'the stakeholder does not exist');
    const action = await getRow(trx, 'actions', input.actionId);
    if (!action || action.deleted_at) throw validationError('actionId', 'not_found', 'the plan action does not exist');
    const links = await q.actionRaci(trx, input.actionId);
    const cell = links.filter((l) => l.stakeholder_id === input.stakeholderId);
    // The cell as the user read it: same links, same versions.
    const seen = new Map(input.expected.map((e) => [e.id, e.updatedAt]));
    if (cell.length !== seen.size || cell.some((l) => seen.get(l.id) !== l.updated_at)) throw conflict('stakeholder_raci', cell[0]?.id ?? input.actionId);
    if (input.role && cell.length === 1 && cell[0].role === input.role) return;
    const others = links.filter((l) => l.stakeholder_id !== input.stakeholderId);
    const currentA = others.find((l) => l.role === 'accountable');
    const moved = input.role === 'accountable' && input.moveAccountable && currentA ? currentA : null;
    const remaining = others.filter((l) => l !== moved);
    const finalRoles: RaciRole[] = [...remaining.map((l) => l.role), ...(input.role ? [input.role] : [])];
    const accountables = finalRoles.filter((r) => r === 'accountable').length;
    if (accountables > 1) {
      const holder = currentA ? await getRow(trx, 'stakeholders', currentA.stakeholder_id) : undefined;
      throw raciRuleError('second_accountable', action.code, holder?.name);
    }
    if (finalRoles.length > 0 && accountables === 0)
      throw raciRuleError(cell.some((l) => l.role === 'accountable') ? 'accountable_required' : 'accountable_first', action.code);
    for (const l of [...cell, ...(moved ? [moved] : [])]) await softDeleteRow(ctx, trx, 'stakeholder_raci', 'stakeholder_raci', l.id, l.updated_at);
    if (input.role)
      await insertAudited(ctx, trx, 'stakeholder_raci', 'stakeholder_raci', {
        id: newId(),
        stakeholder_id: input.stakeholderId,
        action_id: input.actionId,
        role: input.role,
      });
  });
  return (await q.listRaci(ctx.db, { actionId: input.actionId })).map(toRaci);
}
