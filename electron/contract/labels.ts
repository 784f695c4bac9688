/**
 * A label map typed against one of the contract's enums (`as const` arrays): `{ … } satisfies LabelsOf<typeof RISK_LEVELS>`
 * makes a value without its label, or a label for a value that does not exist, a compile error. `Extra` names keys
 * the map holds beside the enum's (a heading, a "none" choice). The renderer's i18n and core's Romanian labels
 * (exports, public site) are typed this way.
 */
export type LabelsOf<T extends readonly string[], Extra extends string = never> = Record<T[number] | Extra, string>;
