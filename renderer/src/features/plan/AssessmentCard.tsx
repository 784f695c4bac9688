import { App as AntApp, Button, Card, Descriptions, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPLETION_LEVELS,
  OGP_VALUES,
  OPENED_GOVERNMENT_LEVELS,
  setAssessmentInput,
  type Commitment,
  type CompletionLevel,
  type OgpValue,
  type OpenedGovernmentLevel,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useFormErrors } from '../../api/mutations';
import { useAuth } from '../../app/auth';
import { parseWith } from '../../ui/forms';
import { enumOptions } from '../../ui/options';
import { useSetAssessment } from './mutations';
import { useSaveConflict } from '../../ui/ConflictView';

const ASSESSMENT_FIELDS = ['completion', 'factors', 'lessons', 'og'];

interface Values {
  completion: CompletionLevel | null;
  factors: string;
  lessons: string;
  og: Partial<Record<OgpValue, OpenedGovernmentLevel>>;
}

/** The IRM assessment (OGP Local): completion level and "did it open government?" per OGP value. Coordinators edit. */
export function AssessmentCard({ commitment: c }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const { isCoordinator } = useAuth();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const conflict = useSaveConflict({
    form,
    record: c,
    fields: ASSESSMENT_FIELDS,
    labels: 'assessment',
    label: { og: 'assessment.opened' },
    toValues: (x) => ({ completion: x.completion, factors: x.factors, lessons: x.lessons, og: x.openedGovernment }),
    load: () => api.get('plan.getCommitment', { id: c.id }),
    onTakeTheirs: () => setEditing(false),
  });
  const { message } = AntApp.useApp();
  const values: OgpValue[] = c.ogpValues.length ? c.ogpValues : [...OGP_VALUES];

  const save = useSetAssessment(useFormErrors(form, undefined, { conflict, onConflict: () => setEditing(false) }));
  const submit = async (v: Values) => {
    const og = Object.fromEntries(Object.entries(v.og ?? {}).filter(([, x]) => !!x));
    const input = parseWith(
      setAssessmentInput,
      {
        id: c.id,
        expectedUpdatedAt: conflict.base() ?? c.updatedAt,
        completion: v.completion ?? null,
        openedGovernment: og,
        factors: v.factors ?? '',
        lessons: v.lessons ?? '',
      },
      form,
      t,
      ASSESSMENT_FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    void message.success(t('common.saved'));
    setEditing(false);
  };

  return (
    <Card
      title={t('assessment.title')}
      data-testid="assessment"
      extra={
        isCoordinator &&
        !editing && (
          <Button
            size="small"
            onClick={() => {
              conflict.rebase(c.updatedAt);
              setEditing(true);
            }}
            data-testid="assessment-edit"
          >
            {t('common.edit')}
          </Button>
        )
      }
    >
      {conflict.view}
      {!editing ? (
        <Descriptions colon={false} column={1} size="small" layout="vertical">
          <Descriptions.Item label={t('assessment.completion')}>{c.completion ? <Tag>{t(`completion.${c.completion}`)}</Tag> : '—'}</Descriptions.Item>
          {values.map((v) => (
            <Descriptions.Item key={v} label={`${t('assessment.opened')} — ${t(`ogpValue.${v}`)}`}>
              {c.openedGovernment[v] ? t(`opened.${c.openedGovernment[v]}`) : '—'}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('assessment.factors')}>
            <span className="pla-pre">{c.factors || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.lessons')}>
            <span className="pla-pre">{c.lessons || '—'}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ completion: c.completion, factors: c.factors, lessons: c.lessons, og: c.openedGovernment }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
          }}
        >
          <Form.Item name="completion" label={t('assessment.completion')}>
            <Select data-testid="assessment-completion" allowClear options={enumOptions(t, COMPLETION_LEVELS, 'completion')} style={{ maxWidth: 320 }} />
          </Form.Item>
          {values.map((v) => (
            <Form.Item key={v} name={['og', v]} label={`${t('assessment.opened')} — ${t(`ogpValue.${v}`)}`}>
              <Select allowClear options={enumOptions(t, OPENED_GOVERNMENT_LEVELS, 'opened')} style={{ maxWidth: 320 }} />
            </Form.Item>
          ))}
          <Form.Item name="factors" label={t('assessment.factors')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Form.Item name="lessons" label={t('assessment.lessons')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="assessment-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
