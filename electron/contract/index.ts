import type { z } from 'zod';
import { adminContract } from './admin';
import { budgetingContract } from './budgeting';
import { datasetsContract } from './datasets';
import { fundingContract } from './funding';
import { planContract } from './plan';
import { risksContract } from './risks';
import { reportsContract } from './reports';
import { systemContract } from './system';
import { trainingContract } from './training';
import { stakeholdersContract } from './stakeholders';
import { publishingContract } from './publishing';
import type { MethodDef } from './define';

/** The one list of API methods. Main, preload, the HTTP server and the renderer's client derive from it. */
export const contract = {
  ...adminContract,
  ...budgetingContract,
  ...datasetsContract,
  ...fundingContract,
  ...planContract,
  ...risksContract,
  ...reportsContract,
  ...systemContract,
  ...trainingContract,
  ...stakeholdersContract,
  ...publishingContract,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K] extends MethodDef<z.ZodType, infer O> ? O : never;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export const isMethodName = (s: string): s is MethodName => Object.prototype.hasOwnProperty.call(contract, s);

/** The API the renderer sees, identical under Electron (preload) and in browser mode (HTTP client). */
export type Api = { [K in MethodName]: (input: InputOf<K>) => Promise<import('./errors').Result<OutputOf<K>>> };

export * from './errors';
export * from './issues';
export * from './audit';
export * from './issue-text';
export * from './define';
export * from './common';
export * from './admin';
export * from './budgeting';
export * from './datasets';
export * from './funding';
export * from './plan';
export * from './risks';
export * from './reports';
export * from './system';
export * from './uploads';
export * from './training';
export * from './stakeholders';
export * from './publishing';
export * from './figures';
export * from './palette';
export * from './text';
export * from './labels';
