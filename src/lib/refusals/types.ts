/** The languages of the site: zh-CN (default) and English at /en/. */
export type RefusalLocale = 'zh-CN' | 'en';
/** One feature's refusal codes → text in both languages. */
export type RefusalTable = Record<string, Record<RefusalLocale, string>>;
