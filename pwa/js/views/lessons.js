// @ts-check
/** #/lessons and #/lessons/<key> — short pain-science cards; a card read once is marked done. */
import { h, aboutThis } from '../ui/dom.js';
import { isoWithOffset } from '../domain/time.js';
import { LESSONS, doneKeys } from '../domain/lessons.js';

export function render(root, ctx) {
  const section = h('section', { class: 'view view-lessons' });
  root.append(section);
  const key = ctx.params[0];
  const lesson = LESSONS.find((l) => l.key === key);
  if (lesson) showLesson(section, ctx, lesson); else showList(section, ctx);
}

async function showList(section, ctx) {
  const done = doneKeys(await ctx.records('lesson_progress'));
  const count = LESSONS.filter((l) => done.has(l.key)).length;
  section.replaceChildren(
    h('h1', { text: 'Understanding pain' }),
    // The cards first: at 200% text this paragraph put the first one below the first screen.
    aboutThis(h('p', { class: 'lead', text: 'Six short cards about how long-lasting pain works. Knowing what is going on can itself make pain less threatening.' })),
    h('p', { class: 'muted', text: `${count} of ${LESSONS.length} read` }),
    h('ol', { class: 'lesson-list' }, ...LESSONS.map((l) => h('li', { class: done.has(l.key) ? 'done' : '' },
      h('a', { href: `#/lessons/${l.key}`, class: 'lesson-link' },
        h('span', { class: 'lesson-title', text: l.title }),
        h('span', { class: 'lesson-meta', text: done.has(l.key) ? `✓ Read · ${l.minutes} min` : `${l.minutes} min read` }))))),
    h('p', { class: 'source', text: 'Understanding pain as sensitivity rather than damage lowers fear and pain (pain neuroscience education: Moseley, Louw).' }));
}

async function showLesson(section, ctx, lesson) {
  const i = LESSONS.indexOf(lesson);
  const next = LESSONS[i + 1];
  section.replaceChildren(
    h('p', {}, h('a', { class: 'nav-link', href: '#/lessons', text: '← All cards' })),
    h('article', { class: 'lesson card' },
      h('h1', { text: lesson.title }),
      ...lesson.paragraphs.map((p) => h('p', { text: p })),
      h('p', { class: 'lesson-try' }, h('strong', { text: 'Try this: ' }), lesson.try),
      h('p', { class: 'source', text: `Sources: ${lesson.sources.join('; ')}.` })),
    h('div', { class: 'actions' }, next
      ? h('a', { class: 'btn btn-primary', href: `#/lessons/${next.key}`, text: `Next: ${next.title}` })
      : h('a', { class: 'btn btn-primary', href: '#/lessons', text: 'Back to all cards' })));
  const done = doneKeys(await ctx.records('lesson_progress'));
  if (!done.has(lesson.key)) await ctx.save('lesson_progress', { lesson: lesson.key, read_at: isoWithOffset(new Date()) });
}
