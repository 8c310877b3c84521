export * from './dictionaries';
export * from './i18n.service';
export * from './translate.pipe';
export * from './labels';
