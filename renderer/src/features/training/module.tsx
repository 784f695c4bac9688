import { ReadOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { PeopleList, PersonDetail } from './PeopleList';
import { SessionDetail } from './SessionDetail';
import { TrainingList } from './TrainingList';
import { warmPeople, warmSessions } from './queries';

/** Training records (actions A1.2 and A4.3): programmes, sessions with their attendance lists, people trained. */
export const trainingModule: FeatureModule = {
  key: 'training',
  group: 'registries',
  nav: [
    { path: '/training/sessions', icon: <ReadOutlined />, label: 'training.nav.sessions', testId: 'nav-training' },
    { path: '/training/people', icon: <TeamOutlined />, label: 'training.nav.people', testId: 'nav-training-people' },
  ],
  routes: [
    { path: '/training/sessions', element: <TrainingList />, keepAlive: warmSessions },
    { path: '/training/sessions/:id', element: <SessionDetail /> },
    { path: '/training/people', element: <PeopleList />, keepAlive: warmPeople },
    { path: '/training/people/:id', element: <PersonDetail /> },
  ],
};
