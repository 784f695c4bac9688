/**
 * Each module's texts, in its own file (renderer/src/features/<module>/i18n.ts exporting `{ ro, en }` with the
 * same keys), mounted under the module's name (key `risks.title` for the risks module's `title`). tests/unit/i18n.test.ts checks them too.
 */
import * as training from '../features/training/i18n';
import * as funding from '../features/funding/i18n';
import * as stakeholders from '../features/stakeholders/i18n';
import * as risks from '../features/risks/i18n';
import * as publishing from '../features/publishing/i18n';
import * as reports from '../features/reports/i18n';
import * as datasets from '../features/datasets/i18n';
import * as budgeting from '../features/budgeting/i18n';

export type ModuleTexts = { ro: Record<string, unknown>; en: Record<string, unknown> };

export const MODULE_I18N: Record<string, ModuleTexts> = {
  funding: { ro: funding.ro, en: funding.en },
  risks: { ro: risks.ro, en: risks.en },
  stakeholders: { ro: stakeholders.ro, en: stakeholders.en },
  training: { ro: training.ro, en: training.en },
  reports: { ro: reports.ro, en: reports.en },
  datasets: { ro: datasets.ro, en: datasets.en },
  publishing: { ro: publishing.ro, en: publishing.en },
  budgeting: { ro: budgeting.ro, en: budgeting.en },
};
