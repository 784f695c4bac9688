import { App as AntApp, Card, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { QUADRANTS, type StakeholderScore } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { useErrorHandler } from '../../ui/hooks';
import { gridData, moveByKey, scoresAt, SPLIT } from './grid';
import { invalidateStakeholders, useStakeholderScores } from './queries';

const W = 560;
const H = 560;
const PAD = 40;
const xOf = (interest: number) => PAD + ((interest - 0.5) / 5) * W;
const yOf = (power: number) => PAD + ((5.5 - power) / 5) * H;
const QUAD_FILL = { manage_closely: '#fde2e1', keep_satisfied: '#fff1d6', keep_informed: '#e0efff', monitor: '#f0f0f0' } as const;

/** The power/interest grid: points dragged or moved with the arrow keys save the scores (setScores). */
export function PowerInterestGrid() {
  const { t } = useTranslation();
  const q = useStakeholderScores();
  return (
    <>
      <PageTitle title={t('stakeholders.grid.title')} sub={t('stakeholders.grid.sub')} />
      <Loadable query={q}>{(rows) => <Grid rows={rows} />}</Loadable>
    </>
  );
}

function Grid({ rows }: { rows: StakeholderScore[] }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number } | null>(null);
  const data = useMemo(() => gridData(rows), [rows]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);

  const save = async (id: string, power: number, interest: number) => {
    const s = byId.get(id);
    if (!s || (s.power === power && s.interest === interest)) return;
    try {
      await api.get('stakeholders.setScores', { id, expectedUpdatedAt: s.updatedAt, power, interest });
      await invalidateStakeholders(qc);
      void message.success(t('stakeholders.grid.saved', { name: s.name }));
    } catch (e) {
      onError(e);
    }
  };
  const local = (e: React.PointerEvent) => {
    const r = svg.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * (W + 2 * PAD), y: ((e.clientY - r.top) / r.height) * (H + 2 * PAD) };
  };

  return (
    <Space align="start" size="large" wrap>
      <svg
        ref={svg}
        width={W + 2 * PAD}
        height={H + 2 * PAD}
        viewBox={`0 0 ${W + 2 * PAD} ${H + 2 * PAD}`}
        data-testid="pi-grid"
        onPointerMove={(e) => drag && setDrag({ id: drag.id, ...local(e) })}
        onPointerUp={(e) => {
          if (!drag) return;
          const p = local(e);
          const sc = scoresAt(p.x - PAD, p.y - PAD, W, H);
          setDrag(null);
          void save(drag.id, sc.power, sc.interest);
        }}
      >
        <rect x={xOf(SPLIT)} y={PAD} width={W - (xOf(SPLIT) - PAD)} height={yOf(SPLIT) - PAD} fill={QUAD_FILL.manage_closely} />
        <rect x={PAD} y={PAD} width={xOf(SPLIT) - PAD} height={yOf(SPLIT) - PAD} fill={QUAD_FILL.keep_satisfied} />
        <rect x={xOf(SPLIT)} y={yOf(SPLIT)} width={W - (xOf(SPLIT) - PAD)} height={H + PAD - yOf(SPLIT)} fill={QUAD_FILL.keep_informed} />
        <rect x={PAD} y={yOf(SPLIT)} width={xOf(SPLIT) - PAD} height={H + PAD - yOf(SPLIT)} fill={QUAD_FILL.monitor} />
        {[1, 2, 3, 4, 5].map((n) => (
          <g key={n}>
            <text x={xOf(n)} y={H + PAD + 16} textAnchor="middle" fontSize={12}>
              {n}
            </text>
            <text x={PAD - 12} y={yOf(n) + 4} textAnchor="middle" fontSize={12}>
              {n}
            </text>
          </g>
        ))}
        <line x1={xOf(SPLIT)} x2={xOf(SPLIT)} y1={PAD} y2={H + PAD} stroke="#999" strokeDasharray="4 3" />
        <line x1={PAD} x2={W + PAD} y1={yOf(SPLIT)} y2={yOf(SPLIT)} stroke="#999" strokeDasharray="4 3" />
        <text x={PAD + W / 2} y={H + PAD + 34} textAnchor="middle" fontSize={13}>
          {t('stakeholders.grid.interest')} →
        </text>
        <text x={12} y={PAD + H / 2} textAnchor="middle" fontSize={13} transform={`rotate(-90 12 ${PAD + H / 2})`}>
          {t('stakeholders.grid.power')} →
        </text>
        <text x={W + PAD - 6} y={PAD + 16} textAnchor="end" fontSize={12} fill="#a8071a">
          {t('stakeholders.quadrant.manage_closely')}
        </text>
        <text x={PAD + 6} y={PAD + 16} fontSize={12} fill="#ad6800">
          {t('stakeholders.quadrant.keep_satisfied')}
        </text>
        <text x={W + PAD - 6} y={H + PAD - 8} textAnchor="end" fontSize={12} fill="#0050b3">
          {t('stakeholders.quadrant.keep_informed')}
        </text>
        <text x={PAD + 6} y={H + PAD - 8} fontSize={12} fill="#595959">
          {t('stakeholders.quadrant.monitor')}
        </text>
        {data.points.map((p) => {
          const dragging = drag?.id === p.id;
          const cx = dragging ? drag.x : xOf(p.x);
          const cy = dragging ? drag.y : yOf(p.y);
          return (
            <g
              key={p.id}
              tabIndex={0}
              role="button"
              aria-label={t('stakeholders.grid.pointLabel', { name: p.name, power: p.power, interest: p.interest })}
              data-testid={`pi-point-${p.id}`}
              style={{ cursor: canEdit ? 'grab' : 'default', outline: 'none' }}
              onPointerDown={(e) => {
                if (!canEdit) return;
                (e.target as Element).setPointerCapture?.(e.pointerId);
                setDrag({ id: p.id, ...local(e) });
              }}
              onKeyDown={(e) => {
                if (!canEdit) return;
                const next = moveByKey(p, e.key);
                if (!next) return;
                e.preventDefault();
                void save(p.id, next.power, next.interest);
              }}
            >
              <title>{p.name}</title>
              <circle cx={cx} cy={cy} r={7} fill="#1677ff" stroke="#fff" strokeWidth={2} />
              <text x={cx + 9} y={cy + 4} fontSize={11}>
                {p.name.length > 28 ? `${p.name.slice(0, 27)}…` : p.name}
              </text>
            </g>
          );
        })}
      </svg>
      <Card size="small" style={{ width: 300 }}>
        {QUADRANTS.map((q) => (
          <div key={q} data-testid={`pi-count-${q}`}>
            <Tag color={QUAD_FILL[q]} style={{ color: '#000' }}>
              {data.counts[q]}
            </Tag>
            {t(`stakeholders.quadrant.${q}`)}
          </div>
        ))}
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t('stakeholders.grid.unscored')} ({data.unscored.length})
        </Typography.Title>
        {/* a scrolled list is reachable with the keyboard (Tab, then the arrows) */}
        <div style={{ maxHeight: 300, overflow: 'auto' }} tabIndex={0} role="region" aria-label={t('stakeholders.grid.unscored')}>
          {data.unscored.map((u) => (
            <div key={u.id}>{u.name}</div>
          ))}
        </div>
      </Card>
    </Space>
  );
}
