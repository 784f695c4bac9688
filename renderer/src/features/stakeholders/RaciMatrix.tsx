import { Alert, Checkbox, Dropdown, Empty, Input, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { RACI_ROLES, searchKey, type RaciLink, type RaciMatrix as Matrix, type RaciRole } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ExportButton } from '../../ui/ExportButton';
import { Loadable, PageTitle } from '../../ui/components';
import { useErrorHandler } from '../../ui/hooks';
import { invalidateStakeholders, useRaciMatrix } from './queries';
import { stakeholderErrorText } from './shared';

const LETTER: Record<RaciRole, string> = { responsible: 'R', accountable: 'A', consulted: 'C', informed: 'I' };
const BY_KEY: Record<string, RaciRole> = { r: 'responsible', a: 'accountable', c: 'consulted', i: 'informed' };

/**
 * The RACI matrix: plan actions (rows) × the register's organisations (columns), each cell R, A, C, I or empty.
 * A grid with one focusable cell (roving tabindex): arrow keys, Home and End move; R/A/C/I set the role,
 * Shift+A moves the action's "A" here, Delete empties the cell, Enter (or a click) opens the same choices as a
 * menu. The one-Accountable rule is core's; a refusal shows here in words, naming the action and its "A".
 */
export function RaciMatrix() {
  const { t } = useTranslation();
  const q = useRaciMatrix();
  return (
    <>
      <PageTitle
        title={t('stakeholders.raciMatrix.title')}
        sub={t('stakeholders.raciMatrix.sub')}
        extra={<ExportButton method="stakeholders.exportRaciMatrix" label="stakeholders.raciMatrix.export" testId="raci-export" />}
      />
      <Loadable query={q}>{(m) => <MatrixGrid m={m} />}</Loadable>
    </>
  );
}

function MatrixGrid({ m }: { m: Matrix }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const [filter, setFilter] = useState('');
  const [onlyWithRoles, setOnlyWithRoles] = useState(false);
  const [active, setActive] = useState({ r: 0, c: 0 });
  const [menuOpen, setMenuOpenState] = useState(false);
  // Read by the menus' focus guard (focusGuard), which runs on a late frame of the Dropdown, outside React's render.
  const menuOpenRef = useRef(false);
  const setMenuOpen = (open: boolean) => {
    menuOpenRef.current = open;
    setMenuOpenState(open);
  };
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const wantFocus = useRef(false);

  const byCell = useMemo(() => {
    const map = new Map<string, RaciLink[]>();
    for (const l of m.links) map.set(`${l.actionId}|${l.stakeholderId}`, [...(map.get(`${l.actionId}|${l.stakeholderId}`) ?? []), l]);
    return map;
  }, [m.links]);
  const rows = useMemo(() => {
    // Case and diacritics aside: "formare" finds "Formare", "sedinta" finds "Ședința".
    const f = searchKey(filter);
    return f ? m.actions.filter((a) => searchKey(`${a.code} ${a.title}`).includes(f)) : m.actions;
  }, [m.actions, filter]);
  const cols = useMemo(
    () => (onlyWithRoles ? m.stakeholders.filter((s) => m.links.some((l) => l.stakeholderId === s.id)) : m.stakeholders),
    [m, onlyWithRoles],
  );
  const r = Math.min(active.r, Math.max(rows.length - 1, 0));
  const c = Math.min(active.c, Math.max(cols.length - 1, 0));

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    cells.current.get(`${r}|${c}`)?.focus();
  }, [r, c]);

  const moveTo = (nr: number, nc: number) => {
    wantFocus.current = true;
    setMenuOpen(false);
    setActive({ r: Math.max(0, Math.min(rows.length - 1, nr)), c: Math.max(0, Math.min(cols.length - 1, nc)) });
  };

  const roleName = (role: RaciRole | null) => (role ? t(`stakeholders.raci.${role}`) : t('stakeholders.raciMatrix.empty'));

  const setRole = async (ri: number, ci: number, role: RaciRole | null, moveAccountable = false) => {
    const a = rows[ri];
    const s = cols[ci];
    if (!a || !s || !canEdit) return;
    const links = byCell.get(`${a.id}|${s.id}`) ?? [];
    if ((role && links.length === 1 && links[0].role === role) || (!role && links.length === 0)) return;
    setError(null);
    const res = await api.call('stakeholders.setRaciCell', {
      actionId: a.id,
      stakeholderId: s.id,
      role,
      expected: links.map((l) => ({ id: l.id, updatedAt: l.updatedAt })),
      moveAccountable,
    });
    if (!res.ok) {
      if (res.error.code === 'VALIDATION') setError(stakeholderErrorText(t, res.error));
      else onError(res.error);
      return;
    }
    await invalidateStakeholders(qc);
    setSaid(t('stakeholders.raciMatrix.set', { action: a.code, stakeholder: s.name, role: roleName(role) }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableCellElement>, ri: number, ci: number) => {
    const k = e.key;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [ri - 1, ci],
      ArrowDown: [ri + 1, ci],
      ArrowLeft: [ri, ci - 1],
      ArrowRight: [ri, ci + 1],
      Home: e.ctrlKey ? [0, 0] : [ri, 0],
      End: e.ctrlKey ? [rows.length - 1, cols.length - 1] : [ri, cols.length - 1],
      PageUp: [ri - 10, ci],
      PageDown: [ri + 10, ci],
    };
    if (moves[k] && !menuOpen) {
      e.preventDefault();
      moveTo(...moves[k]);
      return;
    }
    if (!canEdit || e.altKey || e.ctrlKey || e.metaKey) return;
    const role = BY_KEY[k.toLowerCase()];
    if (role) {
      e.preventDefault();
      void setRole(ri, ci, role, role === 'accountable' && e.shiftKey);
    } else if (k === 'Delete' || k === 'Backspace') {
      e.preventDefault();
      void setRole(ri, ci, null);
    } else if (k === 'Enter' || k === ' ') {
      e.preventDefault();
      setMenuOpen(true);
    } else if (k === 'Escape' && error) {
      setError(null);
    }
  };

  if (m.actions.length === 0) return <Empty description={t('stakeholders.raciMatrix.noActions')} />;
  if (m.stakeholders.length === 0) return <Empty description={t('stakeholders.raciMatrix.noStakeholders')} />;

  // The Dropdown moves focus into its menu three frames after opening, and does not cancel that when the menu is
  // closed sooner (a click then Escape on a busy PC): focus would land in the closing menu, the next key (A, R, an
  // arrow…) would be lost, and focus would fall to the page once the menu is gone. Focus that reaches a menu no longer
  // open goes back to the active cell; every cell's menu has this guard, as the active cell may have moved meanwhile.
  const focusGuard = () => {
    // the roving tabindex marks the active cell as it is now (a closing menu keeps its old props, so not r and c)
    if (!menuOpenRef.current) [...cells.current.values()].find((el) => el.tabIndex === 0)?.focus();
  };

  const menuFor = (ri: number, ci: number): MenuProps => {
    const a = rows[ri];
    const s = cols[ci];
    const otherA = a?.accountable && a.accountable.stakeholderId !== s?.id ? a.accountable : null;
    return {
      items: [
        ...RACI_ROLES.map((role) => ({ key: role, label: t(`stakeholders.raci.${role}`), 'data-testid': `raci-menu-${LETTER[role]}` })),
        ...(otherA ? [{ key: 'move', label: `${t('stakeholders.raciMatrix.moveHere')} (${otherA.name})`, 'data-testid': 'raci-menu-move' }] : []),
        { key: 'clear', label: t('stakeholders.raciMatrix.clear'), 'data-testid': 'raci-menu-clear' },
      ],
      onFocus: focusGuard,
      onClick: ({ key }) => {
        setMenuOpen(false);
        wantFocus.current = true;
        setActive({ r: ri, c: ci });
        if (key === 'move') void setRole(ri, ci, 'accountable', true);
        else void setRole(ri, ci, key === 'clear' ? null : (key as RaciRole));
        cells.current.get(`${ri}|${ci}`)?.focus();
      },
    };
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Input.Search
          allowClear
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t('stakeholders.raciMatrix.filter')}
          aria-label={t('stakeholders.raciMatrix.filter')}
          style={{ width: 320 }}
          data-testid="raci-filter"
        />
        <Checkbox checked={onlyWithRoles} onChange={(e) => setOnlyWithRoles(e.target.checked)} data-testid="raci-only-with-roles">
          {t('stakeholders.raciMatrix.onlyWithRoles')}
        </Checkbox>
      </Space>
      <Typography.Text className="pla-muted">{t('stakeholders.raciMatrix.legend')}</Typography.Text>
      {canEdit && <Typography.Text className="pla-muted">{t('stakeholders.raciMatrix.keys')}</Typography.Text>}
      {error && <Alert type="error" showIcon closable onClose={() => setError(null)} title={error} data-testid="raci-error" role="alert" />}
      <div className="pla-sr-only" aria-live="polite" data-testid="raci-said">
        {said}
      </div>
      <div className="pla-raci-scroll">
        <table role="grid" aria-label={t('stakeholders.raciMatrix.grid')} aria-rowcount={rows.length + 1} className="pla-raci" data-testid="raci-matrix">
          <thead>
            <tr>
              <th scope="col" className="pla-raci-action">
                {t('stakeholders.raciMatrix.action')}
              </th>
              <th scope="col" className="pla-raci-acc">
                {t('stakeholders.raciMatrix.accountable')}
              </th>
              {cols.map((s) => (
                <th scope="col" key={s.id} className="pla-raci-org" title={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a, ri) => {
              const hasRoles = m.links.some((l) => l.actionId === a.id);
              return (
                <tr key={a.id} data-testid={`raci-row-${a.code}`}>
                  <th scope="row" className="pla-raci-action" title={a.title}>
                    <strong>{a.code}</strong> {a.title}
                  </th>
                  <td className="pla-raci-acc" title={a.accountable?.name} data-testid={`raci-acc-${a.code}`}>
                    {a.accountable ? (
                      a.accountable.name
                    ) : (
                      <span className={hasRoles ? 'pla-raci-missing' : 'pla-muted'}>{t('stakeholders.raciMatrix.noAccountable')}</span>
                    )}
                  </td>
                  {cols.map((s, ci) => {
                    const links = byCell.get(`${a.id}|${s.id}`) ?? [];
                    const letters = links.map((l) => LETTER[l.role]).sort();
                    const isActive = ri === r && ci === c;
                    const label = t('stakeholders.raciMatrix.cellLabel', {
                      action: a.code,
                      stakeholder: s.name,
                      role: links.length ? links.map((l) => t(`stakeholders.raci.${l.role}`)).join(', ') : t('stakeholders.raciMatrix.empty'),
                    });
                    const cell = (
                      <td
                        key={s.id}
                        role="gridcell"
                        tabIndex={isActive ? 0 : -1}
                        aria-label={label}
                        aria-selected={isActive}
                        className={`pla-raci-cell${letters.length ? ` pla-raci-${letters[0]}` : ''}`}
                        ref={(el) => {
                          if (el) cells.current.set(`${ri}|${ci}`, el);
                          else cells.current.delete(`${ri}|${ci}`);
                        }}
                        onFocus={() => (ri !== r || ci !== c) && setActive({ r: ri, c: ci })}
                        onKeyDown={(e) => onKeyDown(e, ri, ci)}
                        onClick={() => setActive({ r: ri, c: ci })}
                        data-testid={`raci-cell-${a.code}-${s.name}`}
                      >
                        {letters.join(', ')}
                      </td>
                    );
                    return canEdit ? (
                      <Dropdown
                        key={s.id}
                        open={menuOpen && isActive}
                        onOpenChange={(o) => {
                          if (o) setActive({ r: ri, c: ci });
                          setMenuOpen(o);
                          if (!o) cells.current.get(`${ri}|${ci}`)?.focus();
                        }}
                        trigger={['click']}
                        menu={isActive ? menuFor(ri, ci) : { items: [], onFocus: focusGuard }}
                        autoFocus
                        destroyOnHidden
                      >
                        {cell}
                      </Dropdown>
                    ) : (
                      cell
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Space>
  );
}
