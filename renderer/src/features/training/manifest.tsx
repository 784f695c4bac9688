import { ReadOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { warmPeople, warmSessions } from './queries';
import { rolesFor } from '../../app/access';
import { lazyScreen } from '../../app/lazyScreen';
import { paletteSource } from '../../app/paletteSearch';
import { api } from '../../api/client';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const PeopleList = lazyScreen(() => import('./PeopleList'), 'PeopleList');
const PersonDetail = lazyScreen(() => import('./PeopleList'), 'PersonDetail');
const SessionDetail = lazyScreen(() => import('./SessionDetail'), 'SessionDetail');
const TrainingList = lazyScreen(() => import('./TrainingList'), 'TrainingList');

/** Training records (actions A1.2 and A4.3): programmes, sessions with their attendance lists, people trained. */
export const trainingModule: FeatureModule = {
  key: 'training',
  group: 'registries',
  nav: [
    {
      path: '/training/sessions',
      icon: <ReadOutlined />,
      label: 'training.nav.sessions',
      testId: 'nav-training',
      roles: rolesFor('training.listSessions', 'training.listProgrammes'),
    },
    { path: '/training/people', icon: <TeamOutlined />, label: 'training.nav.people', testId: 'nav-training-people', roles: rolesFor('training.listPeople') },
  ],
  routes: [
    { path: '/training/sessions', element: <TrainingList />, keepAlive: warmSessions, roles: rolesFor('training.listSessions', 'training.listProgrammes') },
    { path: '/training/sessions/:id', element: <SessionDetail />, roles: rolesFor('training.getSession') },
    { path: '/training/people', element: <PeopleList />, keepAlive: warmPeople, roles: rolesFor('training.listPeople') },
    { path: '/training/people/:id', element: <PersonDetail />, roles: rolesFor('training.personHistory') },
  ],
  palette: [
    paletteSource({
      reads: ['training.listPeople'],
      key: ['palette', 'people'],
      search: true,
      fetch: (search, limit) => api.get('training.listPeople', { search, limit }),
      entries: (page) => page.rows.map((p) => ({ kind: 'person', path: `/training/people/${p.id}`, title: p.name })),
    }),
  ],
};
