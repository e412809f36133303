import test from 'node:test';
import assert from 'node:assert/strict';
import { withTimeout, TimeoutError, base64UrlToBytes, subscribeProblem, ALERT_RULES, alertHeadline, alertAbout } from '../../pwa/js/domain/notify.js';
import { spawnSync } from 'node:child_process';

test('withTimeout passes a fast result through', async () => {
  assert.equal(await withTimeout(Promise.resolve(7), 50, 'slow'), 7);
});

test('withTimeout rejects a hanging promise with a plain message', async () => {
  const never = new Promise(() => {});
  await assert.rejects(withTimeout(never, 20, 'The push service did not answer.'),
    (e) => e instanceof TimeoutError && e.message === 'The push service did not answer.');
});

test('withTimeout keeps the original rejection', async () => {
  await assert.rejects(withTimeout(Promise.reject(new Error('denied')), 50, 'slow'), /denied/);
});

test('base64url key decodes to bytes', () => {
  assert.deepEqual([...base64UrlToBytes('AQID_-8')], [1, 2, 3, 255, 239]);
});

test('problems read plainly', () => {
  assert.match(subscribeProblem(new Error('x'), 'denied'), /blocked/);
  assert.equal(subscribeProblem(new TimeoutError('Took too long.'), 'granted'), 'Took too long.');
  assert.match(subscribeProblem({ status: 0 }, 'granted'), /No connection/);
});

test('every server alert rule has a title and threshold', () => {
  assert.deepEqual(ALERT_RULES.map((r) => r.rule), ['load_high', 'acwr_spike', 'short_nights', 'nsaid_days', 'forecast_risk']);
});

test('alert settings are named in plain words (issue 12)', () => {
  const words = ALERT_RULES.flatMap((r) => [r.title, r.threshold.label]).join(' | ');
  for (const jargon of [/threshold/i, /inflammation load/i, /boom-and-bust/i, /×/]) assert.doesNotMatch(words, jargon);
  assert.match(words, /0 to 100/);
});

test('a past alert gets a short headline without the "when" of the day it was sent', () => {
  assert.equal(alertHeadline({ rule: 'w:abc', title: 'Heads-up: pain likely higher the day after tomorrow' }), 'Pain likely higher');
  assert.equal(alertHeadline({ rule: 'w:abc', title: 'Heads-up: a flare is more likely tomorrow' }), 'Flare more likely');
  assert.equal(alertHeadline({ rule: 'acwr_spike', title: 'Activity jumped well above your usual' }), 'Activity jump');
  assert.equal(alertHeadline({ rule: 'someday_rule', title: 'A new rule' }), 'A new rule');  // an unknown rule keeps its title
  for (const r of ALERT_RULES) assert.ok(r.short.length <= 18, r.short);  // one line at 200% text on a phone
});

test('an opened past alert names the days it speaks of as they are on the day it is read', () => {
  const sent = { rule: 'w:abc', title: 'Heads-up: pain likely higher tomorrow', target_from: '2026-12-03', target_to: '2026-12-03' };
  assert.equal(alertAbout(sent, '2026-12-05', 'en-GB'), 'Pain likely higher on Thu 3 Dec');  // read two days later
  assert.equal(alertAbout(sent, '2026-12-02', 'en-GB'), 'Pain likely higher tomorrow');     // read the day it was sent
  assert.equal(alertAbout(sent, '2026-12-03', 'en-GB'), 'Pain likely higher today');
  assert.equal(alertAbout(sent, '2026-12-05', 'en-US'), 'Pain likely higher on Thu, Dec 3');  // the person's locale
  assert.equal(alertAbout({ ...sent, title: 'Heads-up: a flare is more likely tomorrow or the day after', target_to: '2026-12-04' }, '2026-12-03', 'en-GB'),
    'Flare more likely between today and tomorrow');
  assert.equal(alertAbout({ rule: 'acwr_spike', title: 'Activity jumped above your usual', target_from: null }, '2026-12-03'), 'Activity jumped above your usual');
});

test('west of Greenwich an opened past alert still names its own day, not the day before', () => {
  // "2026-12-03" read or formatted as UTC midnight on a Californian phone is the evening of 2 Dec
  // (issue 17, round 2). A process of its own: the zone is read once, and formats are cached.
  const script = `import('${new URL('../../pwa/js/domain/notify.js', import.meta.url).href}').then(({ alertAbout }) => {
    const sent = { rule: 'w:abc', title: 'Heads-up: pain likely higher tomorrow', target_from: '2026-12-03', target_to: '2026-12-03' };
    console.log(JSON.stringify([alertAbout(sent, '2026-12-10', 'en-GB'), alertAbout(sent, '2026-12-02', 'en-GB')]));
  });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script],
    { env: { ...process.env, TZ: 'America/Los_Angeles' }, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), ['Pain likely higher on Thu 3 Dec',   // read a week later
    'Pain likely higher tomorrow']);                                              // read the day before
});
