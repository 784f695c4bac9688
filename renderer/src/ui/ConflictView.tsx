import { Alert, App as AntApp, Button, Modal, Radio, Table, Typography, type FormInstance } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { differingFields, mergeVersions, plainValue, recordAsValues, type ConflictField, type Side } from './conflict';

/** What the user chose: drop their edit and take the saved version, or save these values over the saved version. */
export type ConflictResolution = { take: 'theirs' } | { take: 'values'; values: Record<string, unknown> };

/**
 * Two people saved the same record: the second save came back CONFLICT. This shows the user's unsaved version
 * next to the one saved meanwhile, field by field (only the fields that differ), and lets them keep theirs,
 * take the other, or pick per field. Nothing is saved here; the form saves the result against the new version.
 */
export function ConflictView({
  fields,
  mine,
  theirs,
  onResolve,
  onCancel,
}: {
  fields: readonly ConflictField[];
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  onResolve: (r: ConflictResolution) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const differing = useMemo(() => differingFields(fields, mine, theirs), [fields, mine, theirs]);
  const [choices, setChoices] = useState<Record<string, Side>>({});
  const show = (f: ConflictField, v: unknown) => {
    const text = f.format ? f.format(v) : plainValue(v);
    return text ? <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> : <Typography.Text type="secondary">{t('conflict.empty')}</Typography.Text>;
  };
  const all = (side: Side) => Object.fromEntries(differing.map((f) => [f.name, side]));

  return (
    <Modal
      open
      width={960}
      title={t('conflict.title')}
      onCancel={onCancel}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onCancel} data-testid="conflict-cancel">
          {t('conflict.backToForm')}
        </Button>,
        <Button key="theirs" onClick={() => onResolve({ take: 'theirs' })} data-testid="conflict-take-theirs">
          {t('conflict.takeTheirs')}
        </Button>,
        <Button
          key="mine"
          onClick={() => onResolve({ take: 'values', values: mergeVersions(differing, mine, theirs, all('mine')) })}
          data-testid="conflict-keep-mine"
        >
          {t('conflict.keepMine')}
        </Button>,
        <Button
          key="merge"
          type="primary"
          onClick={() => onResolve({ take: 'values', values: mergeVersions(differing, mine, theirs, choices) })}
          data-testid="conflict-merge"
        >
          {t('conflict.saveMerge')}
        </Button>,
      ]}
    >
      <div data-testid="conflict-body">
        <Alert type="warning" showIcon title={t('conflict.explain')} style={{ marginBottom: 12 }} />
        {differing.length === 0 ? (
          <Typography.Paragraph data-testid="conflict-same">{t('conflict.noDifference')}</Typography.Paragraph>
        ) : (
          <Table<ConflictField>
            size="small"
            pagination={false}
            rowKey="name"
            dataSource={differing}
            onRow={(f) => ({ 'data-testid': `conflict-row-${f.name}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'field', title: t('conflict.field'), width: 180, render: (_, f) => <strong>{f.label}</strong> },
              { key: 'mine', title: t('conflict.mine'), render: (_, f) => <div data-testid={`conflict-mine-${f.name}`}>{show(f, mine[f.name])}</div> },
              { key: 'theirs', title: t('conflict.theirs'), render: (_, f) => <div data-testid={`conflict-theirs-${f.name}`}>{show(f, theirs[f.name])}</div> },
              {
                key: 'keep',
                title: t('conflict.keep'),
                width: 190,
                render: (_, f): ReactNode => (
                  <Radio.Group
                    size="small"
                    optionType="button"
                    value={choices[f.name] ?? 'mine'}
                    onChange={(e) => setChoices((c) => ({ ...c, [f.name]: e.target.value as Side }))}
                    options={[
                      { value: 'mine', label: t('conflict.pickMine') },
                      { value: 'theirs', label: t('conflict.pickTheirs') },
                    ]}
                    data-testid={`conflict-pick-${f.name}`}
                  />
                ),
              },
            ]}
          />
        )}
      </div>
    </Modal>
  );
}

/**
 * For a record form: `ask(mine, theirs)` opens the conflict view and resolves with the user's choice (null when
 * they went back to the form); render `view` next to the form.
 */
export function useConflictView(fields: readonly ConflictField[]) {
  const [open, setOpen] = useState<{ mine: Record<string, unknown>; theirs: Record<string, unknown>; done: (r: ConflictResolution | null) => void } | null>(
    null,
  );
  const ask = useCallback(
    (mine: Record<string, unknown>, theirs: Record<string, unknown>) => new Promise<ConflictResolution | null>((done) => setOpen({ mine, theirs, done })),
    [],
  );
  const view = open ? (
    <ConflictView
      fields={fields}
      mine={open.mine}
      theirs={open.theirs}
      onResolve={(r) => {
        setOpen(null);
        open.done(r);
      }}
      onCancel={() => {
        setOpen(null);
        open.done(null);
      }}
    />
  ) : null;
  return { ask, view };
}

/**
 * A record form's whole CONFLICT handling: read the version saved meanwhile, show both, then either drop the
 * user's edit (`onTakeTheirs`) or put the chosen values in the form and save them against the new version.
 */
export function useRecordConflict<R extends { updatedAt: string }>(opts: {
  fields: readonly ConflictField[];
  form: FormInstance;
  /** The record as saved now. */
  load: () => Promise<R>;
  /** A saved record as the form's values. */
  toValues: (r: R) => object;
  /** The version the next save sends as expectedUpdatedAt. */
  setBase: (updatedAt: string) => void;
  onTakeTheirs: () => void | Promise<void>;
}) {
  const { ask, view } = useConflictView(opts.fields);
  const { message } = AntApp.useApp();
  const { t } = useTranslation();
  const resolve = async () => {
    const current = await opts.load();
    const choice = await ask(opts.form.getFieldsValue(true) as Record<string, unknown>, opts.toValues(current) as Record<string, unknown>);
    if (!choice) return;
    if (choice.take === 'theirs') {
      void message.info(t('conflict.tookTheirs'));
      await opts.onTakeTheirs();
      return;
    }
    opts.setBase(current.updatedAt);
    opts.form.setFieldsValue(choice.values);
    opts.form.submit();
  };
  return { resolve, view };
}

/**
 * Everything a record edit form needs for "two people saved the same record" in three lines:
 *
 *   const conflict = useSaveConflict({ form, record, fields: FIELDS, labels: 'actions', load: () => api.get('plan.getAction', { id }), onTakeTheirs: onClose });
 *   … expectedUpdatedAt: conflict.base() …   catch (e) { if (await conflict.handle(e)) return; … }   {conflict.view}
 *
 * `base()` is the version the form was opened on (fixed at mount, so a live refresh cannot turn a stale save into
 * an overwrite), then the colleague's version once the user resolved a conflict. `handle(e)` opens the conflict
 * view for a CONFLICT (true) and leaves any other error to the caller (false). Field labels come from the
 * catalogue (`<labels>.<field>`, else `fields.<field>`); `enums` names the catalogue prefix of enum values.
 */
export function useSaveConflict<R extends { updatedAt: string | null }>(opts: {
  form: FormInstance;
  record: R | null | undefined;
  fields: readonly string[];
  labels?: string;
  enums?: Record<string, string>;
  format?: Record<string, (v: unknown) => string>;
  label?: Record<string, string>;
  load: () => Promise<R>;
  /** A saved record as the form's values (default: recordAsValues). */
  toValues?: (r: R) => object;
  /** After the user took the colleague's version (lists are refetched first); usually closes the form. */
  onTakeTheirs?: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const base = useRef<string | null | undefined>(opts.record?.updatedAt);
  const { enums, format, label, labels } = opts;
  // Built on each render: a form's `format` may read lists that load after it opened (linked records' names).
  const fields: ConflictField[] = opts.fields.map((name) => {
    const fmt =
      format?.[name] ??
      (enums?.[name]
        ? (v: unknown) => (Array.isArray(v) ? v : v == null || v === '' ? [] : [v]).map((x) => t(`${enums[name]}.${String(x)}`)).join(', ')
        : undefined);
    const keys = [...(label?.[name] ? [label[name]] : []), ...(labels ? [`${labels}.${name}`] : []), `fields.${name}`];
    return { name, label: t(keys, { defaultValue: name }), ...(fmt ? { format: fmt } : {}) };
  });
  // Settings records start without a version (null): typed as the records' string here, sent as they are.
  const conflict = useRecordConflict<R & { updatedAt: string }>({
    fields,
    form: opts.form,
    load: opts.load as () => Promise<R & { updatedAt: string }>,
    toValues:
      opts.toValues ?? ((r) => recordAsValues(opts.fields, r as unknown as Record<string, unknown>, opts.form.getFieldsValue(true) as Record<string, unknown>)),
    setBase: (v) => (base.current = v),
    onTakeTheirs: async () => {
      await qc.invalidateQueries();
      opts.onTakeTheirs?.();
    },
  });
  const handle = async (e: unknown): Promise<boolean> => {
    if ((e as { code?: string } | null)?.code !== 'CONFLICT' || !opts.record) return false;
    try {
      await conflict.resolve();
    } catch {
      // The record could not be read again (deleted meanwhile, link lost): the caller's usual CONFLICT message.
      return false;
    }
    return true;
  };
  const rebase = useCallback((updatedAt: string | null) => void (base.current = updatedAt), []);
  return {
    base: () => base.current,
    /** The form (re)opens on this version (an inline form that stays mounted, or follows the saved values). Stable. */
    rebase,
    handle,
    view: conflict.view,
  };
}

export type SaveConflict = ReturnType<typeof useSaveConflict>;
