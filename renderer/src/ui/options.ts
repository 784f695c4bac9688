import type { TFunction } from 'i18next';

/** Select options for an enum, labelled through i18n (`prefix.value`). */
export const enumOptions = <T extends string>(t: TFunction, values: readonly T[], prefix: string) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
