// The language and theme the user chose, remembered in this window's localStorage (local to the computer).

import type { Lang } from './i18n';

export type Theme = 'system' | 'light' | 'dark' | 'contrast';

const THEMES: readonly Theme[] = ['system', 'light', 'dark', 'contrast'];

function initialLang(): Lang {
  const stored = localStorage.getItem('lang');
  if (stored === 'da' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('da') ? 'da' : 'en';
}

function initialTheme(): Theme {
  const stored = localStorage.getItem('theme');
  return THEMES.find((t) => t === stored) ?? 'system';
}

export const prefs = $state({ lang: initialLang(), theme: initialTheme() });

export function setLang(lang: Lang): void {
  prefs.lang = lang;
  localStorage.setItem('lang', lang);
}

export function setTheme(theme: Theme): void {
  prefs.theme = theme;
  localStorage.setItem('theme', theme);
}
