/** The provider screens' and the facility review's strings: the staff pages hand them to the provider islands. */
import { featureStrings, type Locale } from '../index.ts';
import { providerEn } from './en.ts';
import { providerZhCN } from './zh-CN.ts';

export type ProviderStrings = Record<keyof typeof providerZhCN, string>;

export function providerStrings(locale: Locale): ProviderStrings {
  return featureStrings({ 'zh-CN': providerZhCN, en: providerEn }, locale);
}
