// @ts-check
/**
 * Sections of the settings view, in order. Each feature adds one line:
 * `{ key, title, load: () => import('./views/settings-x.js') }` where the module exports
 * `render(root, ctx)` (optional cleanup), like a view.
 */

/** @typedef {{key: string, title: string, load: () => Promise<{render: Function}>}} SettingsSection */

/** @type {SettingsSection[]} */
export const SETTINGS_SECTIONS = [
  { key: 'account', title: 'Account and this device', load: () => import('./views/settings-account.js') },
  { key: 'checkin', title: 'Your check-in', load: () => import('./views/settings-checkin.js') },
  { key: 'notifications', title: 'Notifications', load: () => import('./views/settings-notifications.js') },
  { key: 'data', title: 'Your data and reports', load: () => import('./views/settings-data.js') },
];
