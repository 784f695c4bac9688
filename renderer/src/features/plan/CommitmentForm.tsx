import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { DESIGN_POTENTIAL, OGP_VALUES, saveCommitmentInput, type Commitment } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useFormErrors } from '../../api/mutations';
import { FormModal } from '../../ui/FormModal';
import { useRecordConflict } from '../../ui/ConflictView';
import type { ConflictField } from '../../ui/conflict';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useSaveCommitment } from './mutations';
import { invalidatePlan } from './queries';

type Values = Omit<Commitment, 'startDate' | 'endDate' | 'designVerifiable' | 'id' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'deletedAt'> & {
  startDate: Dayjs | null;
  endDate: Dayjs | null;
  designVerifiable: 'yes' | 'no' | null;
};

const FIELDS = [
  'code',
  'title',
  'description',
  'objective',
  'problem',
  'solution',
  'actors',
  'relevanceLocal',
  'relevanceNational',
  'relevanceInternational',
  'ogpValues',
  'startDate',
  'endDate',
  'leadInstitution',
  'responsiblePerson',
  'designVerifiable',
  'designPotential',
  'weight',
  'sortOrder',
];

/** A saved commitment as the form's values. */
const toValues = (c: Commitment): Partial<Values> => ({
  ...c,
  startDate: toDayjs(c.startDate),
  endDate: toDayjs(c.endDate),
  designVerifiable: c.designVerifiable == null ? null : c.designVerifiable ? 'yes' : 'no',
});

/** Create (no `commitment`) or edit a commitment; sends the updatedAt it read (a CONFLICT opens the conflict view). */
export function CommitmentForm({
  open,
  commitment,
  nextSortOrder,
  onClose,
  onSaved,
}: {
  open: boolean;
  commitment?: Commitment;
  nextSortOrder?: number;
  onClose: () => void;
  onSaved?: (c: Commitment) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const c = commitment;
  // The version the user is editing: fixed when the form opens, so a background refetch (a colleague's save, live)
  // cannot turn a stale save into an overwrite; after a conflict is resolved, the colleague's version.
  const readAt = useRef(c?.updatedAt);

  const initial: Partial<Values> = c
    ? toValues(c)
    : { ogpValues: [], sortOrder: nextSortOrder ?? 0, weight: null, designVerifiable: null, designPotential: null };

  const conflictFields = useMemo<ConflictField[]>(() => {
    const label: Record<string, string> = {
      code: 'fields.code',
      title: 'fields.title',
      description: 'fields.description',
      startDate: 'fields.startDate',
      endDate: 'fields.endDate',
      responsiblePerson: 'fields.responsiblePerson',
      weight: 'fields.weight',
    };
    const special: Record<string, (v: unknown) => string> = {
      ogpValues: (v) => (Array.isArray(v) ? v.map((x) => t(`ogpValue.${String(x)}`)).join(', ') : ''),
      designVerifiable: (v) => (v == null ? '' : t(v === 'yes' ? 'common.yes' : 'common.no')),
      designPotential: (v) => (v ? t(`potential.${String(v)}`) : ''),
    };
    return FIELDS.map((name) => ({ name, label: t(label[name] ?? `commitments.${name}`), ...(special[name] ? { format: special[name] } : {}) }));
  }, [t]);
  const conflict = useRecordConflict({
    fields: conflictFields,
    form,
    load: () => api.get('plan.getCommitment', { id: c!.id }),
    toValues,
    setBase: (v) => (readAt.current = v),
    onTakeTheirs: async () => {
      await invalidatePlan(qc);
      onClose();
    },
  });

  const save = useSaveCommitment(
    useFormErrors(form, FIELDS, {
      conflict: {
        handle: async (e) => {
          if ((e as { code?: string }).code !== 'CONFLICT' || !c) return false;
          await conflict.resolve().catch((err: unknown) => onError(err, { form, fields: FIELDS }));
          return true;
        },
      },
      onConflict: onClose,
    }),
  );
  const submit = async (v: Values) => {
    const raw = {
      ...(c ? { id: c.id, expectedUpdatedAt: readAt.current } : {}),
      ...Object.fromEntries(FIELDS.map((f) => [f, (v as Record<string, unknown>)[f] ?? undefined])),
      startDate: fromDayjs(v.startDate),
      endDate: fromDayjs(v.endDate),
      designVerifiable: v.designVerifiable == null ? null : v.designVerifiable === 'yes',
      designPotential: v.designPotential ?? null,
      weight: v.weight ?? null,
    };
    const input = parseWith(saveCommitmentInput, raw, form, t, FIELDS);
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    const saved = done.data;
    onSaved?.(saved);
    onClose();
  };

  const area = (name: keyof Values, label: string, rows = 3) => (
    <Form.Item name={name} label={label}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 12 }} />
    </Form.Item>
  );

  return (
    <>
      {conflict.view}
      <FormModal<Values>
        open={open}
        title={c ? t('commitments.edit', { code: c.code }) : t('commitments.new')}
        form={form}
        initialValues={initial}
        onCancel={onClose}
        onSubmit={submit}
        busy={save.isPending}
        width={860}
        testId="commitment-form"
      >
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="code" label={t('fields.code')} rules={[{ required: true, message: t('validation.required') }]} extra={t('commitments.codeHelp')}>
              <Input autoFocus data-testid="commitment-code" />
            </Form.Item>
          </Col>
          <Col span={18}>
            <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input data-testid="commitment-title" />
            </Form.Item>
          </Col>
        </Row>
        {area('problem', t('commitments.problem'))}
        {area('objective', t('commitments.objective'), 2)}
        {area('description', t('fields.description'))}
        {area('solution', t('commitments.solution'))}
        <Form.Item name="ogpValues" label={t('commitments.ogpValues')}>
          <Checkbox.Group options={enumOptions(t, OGP_VALUES, 'ogpValue')} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="startDate" label={t('fields.startDate')}>
              <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="endDate" label={t('fields.endDate')}>
              <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="leadInstitution" label={t('commitments.leadInstitution')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="responsiblePerson" label={t('fields.responsiblePerson')} extra={t('commitments.personConsent')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {area('actors', t('commitments.actors'), 2)}
        {area('relevanceLocal', t('commitments.relevanceLocal'), 2)}
        {area('relevanceNational', t('commitments.relevanceNational'), 2)}
        {area('relevanceInternational', t('commitments.relevanceInternational'), 2)}
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="designVerifiable" label={t('commitments.designVerifiable')}>
              <Select
                allowClear
                options={[
                  { value: 'yes', label: t('common.yes') },
                  { value: 'no', label: t('common.no') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="designPotential" label={t('commitments.designPotential')}>
              <Select allowClear options={enumOptions(t, DESIGN_POTENTIAL, 'potential')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="weight" label={t('fields.weight')} extra={t('fields.weightHelp')}>
              <InputNumber min={0} max={1000} decimalSeparator={lang === 'ro' ? ',' : '.'} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sortOrder" label={t('commitments.sortOrder')}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
