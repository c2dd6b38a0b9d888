export const messages = {
  ru: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
