// @ts-check
/**
 * The hash router's table: "#/name/param..." renders ROUTES[name]. A view module exports
 * `render(root, ctx)` returning an optional cleanup function. `nav: true` puts it in the tab bar;
 * `public: true` lets it render without a session. `parent` names the tab a sub-screen belongs
 * to: that tab stays lit and the screen gets a back link to it. `returns: true` is for a screen
 * reached from several places (the warning signs: the check-in's header, Practices, History,
 * sign-in): its back link goes to the screen it was opened from, named as that screen, and that
 * screen's tab stays lit; opened directly, it goes to the check-in (sign-in for a visitor).
 * `called` is how a back link names a screen when its title reads oddly there ("Back to check-in").
 * `short` is what a back link shows of a long title where the whole would wrap ("‹ Import"; its
 * name stays "Back to Import from a phone or watch", so the shown words are part of the name).
 * Each feature adds its own lines here.
 */

/** @typedef {{title: string, load: () => Promise<{render: Function}>, nav?: boolean, public?: boolean, icon?: string, parent?: string, returns?: boolean, called?: string, short?: string}} Route */

/** @type {Record<string, Route>} */
export const ROUTES = {
  checkin: { title: 'Check in', load: () => import('./views/checkin.js'), nav: true, icon: 'plus', called: 'check-in' },
  history: { title: 'History', load: () => import('./views/history.js'), nav: true, icon: 'list' },
  insights: { title: 'Insights', load: () => import('./views/insights.js'), nav: true, icon: 'chart' },
  peg3: { title: 'Weekly PEG-3', load: () => import('./views/peg3.js'), parent: 'insights' },
  reports: { title: 'Reports', load: () => import('./views/reports.js'), parent: 'insights' },
  practices: { title: 'Practices', load: () => import('./views/practices.js'), nav: true, icon: 'leaf' },
  breathing: { title: 'Slow breathing', load: () => import('./views/breathing.js'), parent: 'practices' },
  bedtime: { title: 'Bedtime routine', short: 'Bedtime', load: () => import('./views/bedtime.js'), parent: 'practices' },
  pacing: { title: 'Movement pacing', short: 'Pacing', load: () => import('./views/pacing.js'), parent: 'practices' },
  laterality: { title: 'Left or right?', load: () => import('./views/laterality.js'), parent: 'practices' },
  imagery: { title: 'Imagined movements', short: 'Movements', load: () => import('./views/imagery.js'), parent: 'practices' },
  mirror: { title: 'Mirror therapy', load: () => import('./views/mirror.js'), parent: 'practices' },
  vagal: { title: 'Calm the nervous system', short: 'Nervous system', load: () => import('./views/vagal.js'), parent: 'practices' },
  stopbang: { title: 'Sleep apnoea check', short: 'Sleep apnoea', load: () => import('./views/stopbang.js'), parent: 'practices' },
  therapies: { title: 'Therapies to ask about', short: 'Therapies', load: () => import('./views/therapies.js'), parent: 'practices' },
  lessons: { title: 'Understanding pain', short: 'Understanding', load: () => import('./views/lessons.js'), parent: 'practices' },
  labs: { title: 'Lab results', load: () => import('./views/labs.js'), parent: 'practices' },
  protocol: { title: 'My protocol', load: () => import('./views/protocol.js'), parent: 'practices' },
  settings: { title: 'Settings', load: () => import('./views/settings.js'), nav: true, icon: 'gear' },
  reminders: { title: 'Reminders', load: () => import('./views/reminders.js'), parent: 'settings' },
  alerts: { title: 'Alerts', load: () => import('./views/alerts.js'), parent: 'settings' },
  import: { title: 'Import from a phone or watch', short: 'Import', load: () => import('./views/health-import.js'), parent: 'settings' },
  redflags: { title: 'Warning signs', load: () => import('./views/redflags.js'), public: true, parent: 'practices', returns: true },
  welcome: { title: 'Welcome', load: () => import('./views/welcome.js') },
  signin: { title: 'Sign in', load: () => import('./views/signin.js'), public: true },
  signup: { title: 'Create account', load: () => import('./views/signup.js'), public: true },
};

export const DEFAULT_ROUTE = 'checkin';
export const SIGNIN_ROUTE = 'signin';
