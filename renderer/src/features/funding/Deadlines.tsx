import { Button, Card, Col, List, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CallStatus, FundingDeadline } from '../../../../electron/contract';
import { ListEmpty, Loadable, PageTitle } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useDeadlines } from './queries';
import { CallStatusTag, StatusTag } from './shared';

/** `lead`: an empty list says where deadlines come from and leads to the calls (the upcoming list; nothing overdue needs no step). */
function DeadlineList({ items, testId, lead }: { items: FundingDeadline[]; testId: string; lead?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  if (!items.length)
    return (
      <ListEmpty
        none={t('funding.deadlines.none')}
        hint={t('funding.deadlines.noneHint')}
        action={
          lead && (
            <Button onClick={() => navigate('/funding/calls')} data-testid={`${testId}-open-calls`}>
              {t('funding.applications.openCalls')}
            </Button>
          )
        }
        testId={`${testId}-empty`}
      />
    );
  return (
    <List
      size="small"
      dataSource={items}
      data-testid={testId}
      renderItem={(d) => (
        <List.Item data-testid={`deadline-${d.id}`}>
          <Space orientation="vertical" size={0} style={{ width: '100%' }}>
            <Space wrap>
              <Tag>{t(`funding.deadlines.kind.${d.kind}`)}</Tag>
              <Link to={d.kind === 'call' ? `/funding/calls/${d.id}` : `/funding/applications/${d.id}`}>{d.code ? `${d.code} — ${d.title}` : d.title}</Link>
              {d.kind === 'call' ? <CallStatusTag status={d.status as CallStatus} /> : <StatusTag status={d.status as never} />}
            </Space>
            <Typography.Text className="pla-muted">
              {d.kind === 'call' ? t('funding.deadlines.callDeadline') : d.what || t('funding.fields.nextStep')}: <strong>{formatDate(d.date, lang)}</strong> (
              {d.daysLeft === 0
                ? t('funding.deadlines.today')
                : d.daysLeft > 0
                  ? t('funding.deadlines.inDays', { n: d.daysLeft })
                  : t('funding.deadlines.daysAgo', { n: -d.daysLeft })}
              )
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** Upcoming deadlines (default the next 30 days) and what is already overdue. */
export function Deadlines() {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const q = useDeadlines(days);
  return (
    <>
      <PageTitle
        title={t('funding.deadlines.title')}
        sub={t('funding.deadlines.sub')}
        extra={
          <Segmented
            value={days}
            onChange={(v) => setDays(Number(v))}
            options={[7, 30, 90].map((n) => ({ value: n, label: t('funding.deadlines.days', { n }) }))}
          />
        }
      />
      <Loadable query={q}>
        {(d) => (
          <Row gutter={16}>
            <Col span={12}>
              <Card size="small" title={`${t('funding.deadlines.upcoming')} (${d.upcoming.length})`}>
                <DeadlineList items={d.upcoming} testId="deadlines-upcoming" lead />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={<Typography.Text type="danger">{`${t('funding.deadlines.overdue')} (${d.overdue.length})`}</Typography.Text>}>
                <DeadlineList items={d.overdue} testId="deadlines-overdue" />
              </Card>
            </Col>
          </Row>
        )}
      </Loadable>
    </>
  );
}
