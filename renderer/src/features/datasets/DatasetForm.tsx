import { Col, DatePicker, Form, Input, Row, Select, Slider, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  asciiSlug,
  DATA_THEMES,
  HVD_CATEGORIES,
  LICENCES,
  PUBLICATION_STATUSES,
  UPDATE_FREQUENCIES,
  saveDatasetInput,
  type Dataset,
  type DatasetDetail,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { conflictFirst } from '../../api/mutations';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { zodIssues } from '../../ui/forms';
import { issueText } from '../../api/errors';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useSaveDataset } from './mutations';
import { useDatasetErrors } from './shared';

type Values = Omit<Dataset, 'temporalStart' | 'temporalEnd' | 'hvdCategory' | 'theme'> & {
  temporalStart: Dayjs | null;
  temporalEnd: Dayjs | null;
  hvdCategory: string;
  theme: string | null;
};

const FIELDS = [
  'name',
  'slug',
  'holderInstitution',
  'holderDepartment',
  'description',
  'legalBasis',
  'containsPersonalData',
  'format',
  'updateFrequency',
  'publicationStatus',
  'scoreValue',
  'scoreDemand',
  'scoreReadiness',
  'scoreRisk',
  'hvdCategory',
  'responsiblePerson',
  'keywords',
  'theme',
  'licenceId',
  'maintainer',
  'maintainerEmail',
  'spatial',
  'temporalStart',
  'temporalEnd',
  'publicBaseUrl',
];

/** A portal name from the title: lower case, no diacritics, dashes. */
export const slugify = (s: string) => asciiSlug(s, { lower: true }).slice(0, 100);

const score = (name: keyof Values, label: string) => (
  <Col span={6}>
    <Form.Item name={name} label={label}>
      <Slider min={1} max={5} marks={{ 1: '1', 3: '3', 5: '5' }} ariaLabelForHandle={label} />
    </Form.Item>
  </Col>
);

export function DatasetForm({ dataset, onClose, onSaved }: { dataset?: DatasetDetail; onClose: () => void; onSaved?: (d: DatasetDetail) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const conflict = useSaveConflict({
    form,
    record: dataset,
    fields: FIELDS,
    labels: 'datasets.fields',
    toValues: (r) => asValues(r),
    enums: { updateFrequency: 'datasets.frequency', publicationStatus: 'datasets.status', hvdCategory: 'datasets.hvd', theme: 'datasets.theme' },
    load: () => api.get('datasets.get', { id: dataset!.id }),
    onTakeTheirs: onClose,
  });
  const onError = useDatasetErrors();
  const required = [{ required: true, message: t('validation.required') }];
  const asValues = (dataset: DatasetDetail): Partial<Values> => ({
    ...dataset,
    temporalStart: toDayjs(dataset.temporalStart),
    temporalEnd: toDayjs(dataset.temporalEnd),
    hvdCategory: dataset.hvdCategory ?? '',
    theme: dataset.theme,
  });
  const initial: Partial<Values> = dataset
    ? asValues(dataset)
    : {
        updateFrequency: 'annual',
        publicationStatus: 'identified',
        scoreValue: 3,
        scoreDemand: 3,
        scoreReadiness: 3,
        scoreRisk: 3,
        licenceId: 'CC-BY-4.0',
        spatial: 'Timișoara',
        keywords: [],
        hvdCategory: '',
        containsPersonalData: false,
        theme: null,
      };

  const save = useSaveDataset(conflictFirst(conflict, (e) => onError(e, form, FIELDS)));
  const submit = async (v: Values) => {
    const raw = {
      ...(dataset ? { id: dataset.id, expectedUpdatedAt: conflict.base() } : {}),
      ...Object.fromEntries(FIELDS.map((f) => [f, (v as unknown as Record<string, unknown>)[f] ?? undefined])),
      temporalStart: fromDayjs(v.temporalStart),
      temporalEnd: fromDayjs(v.temporalEnd),
      hvdCategory: v.hvdCategory || null,
      theme: v.theme || null,
      keywords: v.keywords ?? [],
      containsPersonalData: !!v.containsPersonalData,
    };
    const parsed = saveDatasetInput.safeParse(raw);
    if (!parsed.success) {
      form.setFields(zodIssues(parsed.error).map((i) => ({ name: i.field.split('.')[0] as keyof Values, errors: [issueText(t, i)] })));
      return;
    }
    const done = await save.run(parsed.data);
    if (!done) return;
    const saved = done.data;
    onSaved?.(saved);
    onClose();
  };

  return (
    <FormModal<Values>
      open
      title={dataset ? dataset.name : t('datasets.list.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={960}
      testId="dataset-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="name" label={t('datasets.fields.name')} rules={required}>
            <Input autoFocus data-testid="dataset-name" onChange={(e) => !dataset && form.setFieldValue('slug', slugify(e.target.value))} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="slug" label={t('datasets.fields.slug')} rules={required}>
            <Input data-testid="dataset-slug" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="holderInstitution" label={t('datasets.fields.holderInstitution')} rules={required}>
            <Input data-testid="dataset-holder" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="holderDepartment" label={t('datasets.fields.holderDepartment')}>
            <Input data-testid="dataset-department" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('datasets.fields.description')}>
        <Input.TextArea rows={2} data-testid="dataset-description" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="legalBasis" label={t('datasets.fields.legalBasis')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="format" label={t('datasets.fields.format')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="containsPersonalData" label={t('datasets.fields.containsPersonalData')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="updateFrequency" label={t('datasets.fields.updateFrequency')}>
            <Select options={enumOptions(t, UPDATE_FREQUENCIES, 'datasets.frequency')} data-testid="dataset-frequency" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="publicationStatus" label={t('datasets.fields.publicationStatus')}>
            <Select options={enumOptions(t, PUBLICATION_STATUSES, 'datasets.status')} data-testid="dataset-status-select" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="hvdCategory" label={t('datasets.fields.hvdCategory')}>
            <Select options={[{ value: '', label: t('datasets.hvd.none') }, ...enumOptions(t, HVD_CATEGORIES, 'datasets.hvd')]} data-testid="dataset-hvd" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="theme" label={t('datasets.fields.theme')}>
            <Select allowClear options={enumOptions(t, DATA_THEMES, 'datasets.theme')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        {score('scoreValue', t('datasets.fields.scoreValue'))}
        {score('scoreDemand', t('datasets.fields.scoreDemand'))}
        {score('scoreReadiness', t('datasets.fields.scoreReadiness'))}
        {score('scoreRisk', t('datasets.fields.scoreRisk'))}
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="responsiblePerson" label={t('datasets.fields.responsiblePerson')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="maintainer" label={t('datasets.fields.maintainer')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="maintainerEmail" label={t('datasets.fields.maintainerEmail')}>
            <Input data-testid="dataset-email" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="keywords" label={t('datasets.fields.keywords')}>
            <Select mode="tags" tokenSeparators={[',']} data-testid="dataset-keywords" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="licenceId" label={t('datasets.fields.licenceId')}>
            <Select options={LICENCES.map((l) => ({ value: l.id, label: `${l.id} — ${l.title}` }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="spatial" label={t('datasets.fields.spatial')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="temporalStart" label={t('datasets.fields.temporalStart')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="temporalEnd" label={t('datasets.fields.temporalEnd')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="publicBaseUrl" label={t('datasets.fields.publicBaseUrl')}>
        <Input placeholder="https://data.primariatm.ro/date/…" data-testid="dataset-base-url" />
      </Form.Item>
    </FormModal>
  );
}
