import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import {
  EMPLOYMENT_CATEGORIES,
  PEOPLE_PAGE_MAX,
  TARGET_GROUPS,
  TRAINING_FORMATS,
  saveAttendanceInput,
  savePersonInput,
  saveProgrammeInput,
  saveSessionInput,
  type Action,
  type Attendance,
  type EmploymentCategory,
  type Person,
  type Programme,
  type TargetGroup,
  type TrainingFormat,
  type TrainingSession,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { compareCodes } from '../../charts/dashboard';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId, recordNames } from '../../ui/conflict';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { zodIssues } from '../../ui/forms';
import { useDebounced, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useSaveAttendance, useSavePerson, useSaveProgramme, useSaveSession, useTrainingFormErrors } from './mutations';
import { usePeople } from './queries';
import { useTrainingErrors } from './shared';

const validation = (e: { issues: unknown }) => ({ code: 'VALIDATION' as const, message: '', details: { issues: zodIssues(e as never) } });

/** Lei typed the Romanian way (1.234,56); the form keeps lei, the contract gets integer bani. */
function LeiInput(props: { value?: number | null; onChange?: (v: number | null) => void; testId?: string }) {
  const lang = useLang();
  return (
    <InputNumber<number>
      min={0}
      precision={2}
      step={100}
      decimalSeparator={lang === 'ro' ? ',' : '.'}
      style={{ width: '100%' }}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v ?? null)}
      data-testid={props.testId}
      suffix="lei"
    />
  );
}
const toBani = (lei: number | null | undefined) => Math.round((lei ?? 0) * 100);

// ───────────────────────────── programme

interface ProgrammeValues {
  name: string;
  description: string;
  actionId: string;
}

export function ProgrammeForm({
  programme,
  actions,
  onClose,
  onSaved,
}: {
  programme?: Programme;
  actions: Action[];
  onClose: () => void;
  onSaved?: (p: Programme) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProgrammeValues>();
  const conflict = useSaveConflict({
    form,
    record: programme,
    fields: ['name', 'description', 'actionId'],
    format: { actionId: recordNames(actions) },
    labels: 'training.fields',
    label: { actionId: 'training.fields.action' },
    load: () => api.get('training.listProgrammes', {}).then(byId(programme!.id)),
    onTakeTheirs: onClose,
  });
  const onError = useTrainingErrors();
  const fields = ['name', 'description', 'actionId'];
  const save = useSaveProgramme(useTrainingFormErrors(form, fields, conflict, onClose));

  const submit = async (v: ProgrammeValues) => {
    const parsed = saveProgrammeInput.safeParse({
      ...(programme ? { id: programme.id, expectedUpdatedAt: conflict.base() } : {}),
      ...v,
      description: v.description ?? '',
    });
    if (!parsed.success) return onError(validation(parsed.error), form, fields);
    const done = await save.run(parsed.data);
    if (!done) return;
    onSaved?.(done.data);
    onClose();
  };

  return (
    <FormModal<ProgrammeValues>
      open
      title={programme ? t('training.programmes.edit') : t('training.programmes.new')}
      form={form}
      initialValues={programme ? { name: programme.name, description: programme.description, actionId: programme.actionId } : { description: '' }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      testId="programme-form"
    >
      {conflict.view}
      <Form.Item name="name" label={t('training.fields.name')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input autoFocus data-testid="programme-name" />
      </Form.Item>
      <Form.Item name="actionId" label={t('training.fields.action')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={[...actions].sort((a, b) => compareCodes(a.code, b.code)).map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))}
          data-testid="programme-action"
        />
      </Form.Item>
      <Form.Item name="description" label={t('training.fields.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}

// ───────────────────────────── session

interface SessionValues {
  programmeId: string;
  title: string;
  topic: string;
  targetGroup: TargetGroup;
  provider: string;
  trainer: string;
  format: TrainingFormat;
  location: string;
  startDate: Dayjs | null;
  endDate: Dayjs | null;
  hours: number | null;
  cost: number | null;
  planLine: string;
  evidence: string;
}

const SESSION_FIELDS = [
  'programmeId',
  'title',
  'topic',
  'targetGroup',
  'provider',
  'trainer',
  'format',
  'location',
  'startDate',
  'endDate',
  'hours',
  'cost',
  'planLine',
  'evidence',
];

export function SessionForm({
  session,
  programmes,
  defaultProgrammeId,
  onClose,
  onSaved,
}: {
  session?: TrainingSession;
  programmes: Programme[];
  defaultProgrammeId?: string;
  onClose: () => void;
  onSaved?: (s: TrainingSession) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<SessionValues>();
  const conflict = useSaveConflict({
    form,
    record: session,
    fields: SESSION_FIELDS,
    format: { programmeId: recordNames(programmes) },
    labels: 'training.fields',
    label: { programmeId: 'training.fields.programme' },
    enums: { targetGroup: 'training.targetGroup', format: 'training.format' },
    toValues: (s) => ({ ...s, startDate: toDayjs(s.startDate), endDate: toDayjs(s.endDate), cost: s.cost / 100 }),
    load: () => api.get('training.getSession', { id: session!.id }),
    onTakeTheirs: onClose,
  });
  const onError = useTrainingErrors();
  const save = useSaveSession(useTrainingFormErrors(form, SESSION_FIELDS, conflict, onClose));
  const required = [{ required: true, message: t('validation.required') }];

  const initial: Partial<SessionValues> = session
    ? { ...session, startDate: toDayjs(session.startDate), endDate: toDayjs(session.endDate), cost: session.cost / 100 }
    : {
        programmeId: defaultProgrammeId ?? (programmes.length === 1 ? programmes[0].id : undefined),
        targetGroup: 'civil_servants',
        format: 'in_person',
        hours: 0,
        cost: 0,
      };

  const submit = async (v: SessionValues) => {
    const raw = {
      ...(session ? { id: session.id, expectedUpdatedAt: conflict.base() } : {}),
      ...v,
      topic: v.topic ?? '',
      provider: v.provider ?? '',
      trainer: v.trainer ?? '',
      location: v.location ?? '',
      planLine: v.planLine ?? '',
      evidence: v.evidence ?? '',
      startDate: fromDayjs(v.startDate),
      endDate: fromDayjs(v.endDate),
      hours: v.hours ?? 0,
      cost: toBani(v.cost),
    };
    const parsed = saveSessionInput.safeParse(raw);
    if (!parsed.success) return onError(validation(parsed.error), form, SESSION_FIELDS);
    const done = await save.run(parsed.data);
    if (!done) return;
    onSaved?.(done.data);
    onClose();
  };

  return (
    <FormModal<SessionValues>
      open
      title={session ? t('training.sessions.edit') : t('training.sessions.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={860}
      testId="session-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="programmeId" label={t('training.fields.programme')} rules={required}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={programmes.map((p) => ({ value: p.id, label: `${p.actionCode} · ${p.name}` }))}
              data-testid="session-programme"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="title" label={t('training.fields.title')} rules={required}>
            <Input autoFocus data-testid="session-title" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="topic" label={t('training.fields.topic')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="targetGroup" label={t('training.fields.targetGroup')} rules={required}>
            <Select options={enumOptions(t, TARGET_GROUPS, 'training.targetGroup')} data-testid="session-target-group" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="format" label={t('training.fields.format')}>
            <Select options={enumOptions(t, TRAINING_FORMATS, 'training.format')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="provider" label={t('training.fields.provider')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="trainer" label={t('training.fields.trainer')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="location" label={t('training.fields.location')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="startDate" label={t('training.fields.startDate')} rules={required}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid="session-start" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="endDate" label={t('training.fields.endDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid="session-end" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="hours" label={t('training.fields.hours')}>
            <InputNumber min={0} max={10000} decimalSeparator={lang === 'ro' ? ',' : '.'} style={{ width: '100%' }} data-testid="session-hours" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="cost" label={t('training.fields.cost')}>
            <LeiInput testId="session-cost" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="planLine" label={t('training.fields.planLine')}>
        <Input />
      </Form.Item>
      <Form.Item name="evidence" label={t('training.fields.evidence')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

// ───────────────────────────── person

interface PersonValues {
  name: string;
  email: string;
  department: string;
  position: string;
  category: EmploymentCategory;
  notes: string;
}
const PERSON_FIELDS = ['name', 'email', 'department', 'position', 'category', 'notes'];

/** A person as saved now: there is no single-person read, so the register is paged through (names may have changed). */
async function findPerson(id: string): Promise<Person> {
  for (let offset = 0; ; offset += PEOPLE_PAGE_MAX) {
    const page = await api.get('training.listPeople', { offset, limit: PEOPLE_PAGE_MAX });
    const found = page.rows.find((r) => r.id === id);
    if (found || offset + PEOPLE_PAGE_MAX >= page.total) return byId<Person>(id)(found ? [found] : []);
  }
}

export function PersonForm({ person, onClose, onSaved }: { person?: Person; onClose: () => void; onSaved?: (p: Person) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PersonValues>();
  const conflict = useSaveConflict({
    form,
    record: person,
    fields: PERSON_FIELDS,
    labels: 'training.fields',
    enums: { category: 'training.category' },
    load: () => findPerson(person!.id),
    onTakeTheirs: onClose,
  });
  const onError = useTrainingErrors();
  const save = useSavePerson(useTrainingFormErrors(form, PERSON_FIELDS, conflict, onClose));

  const submit = async (v: PersonValues) => {
    const raw = {
      ...(person ? { id: person.id, expectedUpdatedAt: conflict.base() } : {}),
      ...v,
      email: v.email ?? '',
      department: v.department ?? '',
      position: v.position ?? '',
      notes: v.notes ?? '',
    };
    const parsed = savePersonInput.safeParse(raw);
    if (!parsed.success) return onError(validation(parsed.error), form, PERSON_FIELDS);
    const done = await save.run(parsed.data);
    if (!done) return;
    onSaved?.(done.data);
    onClose();
  };

  return (
    <FormModal<PersonValues>
      open
      title={person ? t('training.people.edit') : t('training.people.new')}
      form={form}
      initialValues={person ?? { category: 'civil_servant' }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      testId="person-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t('training.fields.name')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input autoFocus data-testid="person-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('training.fields.email')}>
            <Input data-testid="person-email" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="category" label={t('training.fields.category')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={enumOptions(t, EMPLOYMENT_CATEGORIES, 'training.category')} data-testid="person-category" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="department" label={t('training.fields.department')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="position" label={t('training.fields.position')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('training.fields.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

// ───────────────────────────── attendance

interface AttendanceValues {
  personId: string;
  hoursAttended: number | null;
  completed: boolean;
  assessment: string;
  certificateType: string;
  certificateNumber: string;
  certificateDate: Dayjs | null;
  certificateIssuer: string;
  consentPublishName: boolean;
  consentContact: boolean;
}
const ATTENDANCE_FIELDS = [
  'personId',
  'hoursAttended',
  'completed',
  'assessment',
  'certificateType',
  'certificateNumber',
  'certificateDate',
  'certificateIssuer',
  'consentPublishName',
  'consentContact',
];

const personLabel = (p: { name: string; department: string; email: string }) => [p.name, p.department, p.email].filter(Boolean).join(' · ');

/** Picks a person by searching the server (the register can hold tens of thousands); the picked one stays listed. */
function PersonPicker({
  value,
  onChange,
  disabled,
  initial,
}: {
  value?: string;
  onChange?: (v: string) => void;
  disabled?: boolean;
  initial?: { value: string; label: string };
}) {
  const { t } = useTranslation();
  const [term, setTerm] = useState('');
  const search = useDebounced(term.trim());
  const q = usePeople({ search: search || undefined, limit: 30 });
  const [picked, setPicked] = useState<{ value: string; label: string } | undefined>(initial);
  const options = (q.data?.rows ?? []).map((p) => ({ value: p.id, label: personLabel(p) }));
  if (picked && picked.value === value && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTerm }}
      value={value}
      disabled={disabled}
      placeholder={t('training.people.searchPerson')}
      aria-label={t('training.people.searchPerson')}
      loading={q.isFetching}
      notFoundContent={q.isFetching ? null : t('training.people.none')}
      onChange={(v: string) => {
        setPicked(options.find((o) => o.value === v));
        onChange?.(v);
      }}
      options={options}
      data-testid="attendance-person"
    />
  );
}

export function AttendanceForm({ session, attendance, onClose }: { session: TrainingSession; attendance?: Attendance; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<AttendanceValues>();
  const conflict = useSaveConflict({
    form,
    record: attendance,
    fields: ATTENDANCE_FIELDS,
    labels: 'training.fields',
    label: { personId: 'training.fields.person' },
    load: () => api.get('training.listAttendance', { sessionId: session.id }).then(byId(attendance!.id)),
    onTakeTheirs: onClose,
  });
  const [addingPerson, setAddingPerson] = useState(false);
  const [created, setCreated] = useState<{ value: string; label: string }>();
  const [pickerKey, setPickerKey] = useState(0);
  const onError = useTrainingErrors();
  const save = useSaveAttendance(useTrainingFormErrors(form, ATTENDANCE_FIELDS, conflict, onClose));

  const initial: Partial<AttendanceValues> = attendance
    ? { ...attendance, certificateDate: toDayjs(attendance.certificateDate) }
    : { hoursAttended: session.hours, completed: true, consentPublishName: false, consentContact: false };

  const submit = async (v: AttendanceValues) => {
    const raw = {
      ...(attendance ? { id: attendance.id, expectedUpdatedAt: conflict.base() } : {}),
      sessionId: session.id,
      ...v,
      hoursAttended: v.hoursAttended ?? 0,
      completed: !!v.completed,
      assessment: v.assessment ?? '',
      certificateType: v.certificateType ?? '',
      certificateNumber: v.certificateNumber ?? '',
      certificateIssuer: v.certificateIssuer ?? '',
      certificateDate: fromDayjs(v.certificateDate),
      consentPublishName: !!v.consentPublishName,
      consentContact: !!v.consentContact,
    };
    const parsed = saveAttendanceInput.safeParse(raw);
    if (!parsed.success) return onError(validation(parsed.error), form, ATTENDANCE_FIELDS);
    if (await save.run(parsed.data)) onClose();
  };

  return (
    <>
      <FormModal<AttendanceValues>
        open
        title={attendance ? t('training.attendance.edit') : t('training.attendance.add')}
        form={form}
        initialValues={initial}
        onCancel={onClose}
        onSubmit={submit}
        busy={save.isPending}
        width={760}
        testId="attendance-form"
      >
        {conflict.view}
        <Row gutter={16} align="bottom">
          <Col span={17}>
            <Form.Item
              name="personId"
              label={t('training.fields.person')}
              rules={[{ required: true, message: t('validation.required') }]}
              extra={attendance ? undefined : t('training.attendance.personHint')}
            >
              <PersonPicker
                key={pickerKey}
                disabled={!!attendance}
                initial={
                  attendance
                    ? {
                        value: attendance.personId,
                        label: personLabel({ name: attendance.personName, department: attendance.personDepartment, email: attendance.personEmail }),
                      }
                    : created
                }
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            {!attendance && (
              <Form.Item label=" ">
                <a onClick={() => setAddingPerson(true)} data-testid="attendance-new-person">
                  + {t('training.attendance.newPerson')}
                </a>
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="hoursAttended" label={t('training.fields.hoursAttended')}>
              <InputNumber min={0} max={10000} decimalSeparator={lang === 'ro' ? ',' : '.'} style={{ width: '100%' }} data-testid="attendance-hours" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="completed" label={t('training.fields.completedFlag')} valuePropName="checked">
              <Switch data-testid="attendance-completed" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assessment" label={t('training.fields.assessment')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="certificateType" label={t('training.fields.certificateType')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="certificateNumber" label={t('training.fields.certificateNumber')}>
              <Input data-testid="attendance-certificate-number" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="certificateDate" label={t('training.fields.certificateDate')}>
              <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="certificateIssuer" label={t('training.fields.certificateIssuer')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="consentPublishName" valuePropName="checked">
              <Checkbox>{t('training.fields.consentPublishName')}</Checkbox>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="consentContact" valuePropName="checked">
              <Checkbox>{t('training.fields.consentContact')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
      {addingPerson && (
        <PersonForm
          onClose={() => setAddingPerson(false)}
          onSaved={(p) => {
            setCreated({ value: p.id, label: personLabel(p) });
            setPickerKey((k) => k + 1);
            form.setFieldValue('personId', p.id);
          }}
        />
      )}
    </>
  );
}
