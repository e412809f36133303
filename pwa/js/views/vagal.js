// @ts-check
/**
 * #/vagal and #/vagal/<key> — ways to calm the nervous system through the vagus nerve:
 * slow breathing, humming, gargling, cool water on the face and singing, each with its own
 * short guided screen. A finished or stopped session is saved as a practice_session.
 */
import { h, toast, aboutThis } from '../ui/dom.js';
import { isoWithOffset, localDate } from '../domain/time.js';
import { VAGAL, H } from '../domain/guides.js';
import { guidedSession } from '../ui/guided.js';

const MIN_SECONDS = 20; // a session shorter than this is not worth logging

/** Sessions per practice over the last 7 days. @param {{data: any}[]} records */
function weekCounts(records) {
  const since = localDate(new Date(Date.now() - 6 * 86_400_000));
  const out = {};
  for (const r of records) if (r.data.date >= since) out[r.data.practice] = (out[r.data.practice] ?? 0) + 1;
  return out;
}

export function render(root, ctx) {
  const guide = VAGAL.find((g) => g.key === ctx.params[0]);
  const section = h('section', { class: 'view view-vagal' });
  root.append(section);
  if (guide) return showGuide(section, ctx, guide);
  showList(section, ctx);
  return undefined;
}

async function showList(section, ctx) {
  const counts = weekCounts(await ctx.records('practice_session'));
  const card = (href, title, text, key) => h('li', {}, h('a', { class: 'practice-card', href },
    h('strong', { text: title }), h('span', { text }),
    key && counts[key] ? h('span', { class: 'muted', text: `${counts[key]}× this week` }) : null));
  section.replaceChildren(
    h('h1', { text: 'Calm the nervous system' }),
    // The practices first: at 200% text the paragraph above them filled the first screen.
    aboutThis(h('p', { class: 'lead', text: 'The vagus nerve is the body\'s brake on the stress response, and its activity damps down inflammation. These short practices engage it. A little every day counts more than a long session now and then.' })),
    h('ul', { class: 'practice-grid' },
      card('#/breathing', 'Slow breathing', 'A longer out-breath than in-breath, with a pacer.'),
      ...VAGAL.map((g) => card(`#/vagal/${g.key}`, g.title, g.summary, g.key))),
    h('p', { class: 'source', text: `Source: ${H} (vagal toning: slow breathing with a longer out-breath, cold-water face immersion, humming, gargling, singing; daily, not occasional).` }));
}

function showGuide(section, ctx, guide) {
  const session = guidedSession({
    steps: guide.steps, rounds: guide.rounds,
    onFinish: async (seconds, completed) => {
      if (seconds < MIN_SECONDS && !completed) return;
      await ctx.save('practice_session', { practice: guide.key, at: isoWithOffset(new Date()), date: localDate(new Date()), seconds, count: guide.rounds });
      toast(`${guide.title} saved.`);
    },
  });
  section.replaceChildren(...[
    h('h1', { text: guide.title }),
    h('p', { class: 'lead', text: guide.summary }),
    guide.caution ? h('p', { class: 'notice notice-caution', text: guide.caution }) : null,
    h('ol', { class: 'guide-steps' }, ...guide.steps.map((s) => h('li', { text: `${s.text} (${s.seconds} s)` }))),
    guide.rounds > 1 ? h('p', { class: 'muted', text: `Repeat ${guide.rounds} times.` }) : null,
    session.el,
    h('p', { class: 'source', text: `Why: ${guide.why} Source: ${guide.source}. ${guide.own}` }),
    h('p', {}, h('a', { class: 'nav-link', href: '#/vagal', text: '← All calming practices' })),
  ].filter((n) => n !== null)); // replaceChildren would print a null child as "null"
  return () => session.stop();
}
