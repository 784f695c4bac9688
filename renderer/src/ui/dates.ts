import dayjs, { type Dayjs } from 'dayjs';

/** `YYYY-MM-DD` ↔ dayjs for antd's DatePicker. Calendar dates only: no time zone shifts. */
export const toDayjs = (iso: string | null | undefined): Dayjs | null => (iso ? dayjs(iso, 'YYYY-MM-DD') : null);
export const fromDayjs = (d: Dayjs | null | undefined): string | null => (d && d.isValid() ? d.format('YYYY-MM-DD') : null);
/** What the DatePicker shows and accepts when typed, per language. */
export const dateInputFormat = (lang: 'ro' | 'en') => (lang === 'ro' ? 'DD.MM.YYYY' : 'DD/MM/YYYY');
