// @ts-check
/**
 * Pain-science lesson cards, written for Emberwise. Each paragraph is plain text; a
 * `source` names where the facts come from. Pure data, no DOM; the pacing lesson's figures
 * come from rules/pacing.json (pacingLesson), the file the pacing screen and the server read.
 * @typedef {{key: string, title: string, minutes: number, paragraphs: string[], try: string, sources: string[]}} Lesson
 */
import { PACING, percent } from './pacing.js';

const A = 'Analgesia, "How inflammation sustains chronic pain (even when imaging looks normal)", 2026';
const H = 'W. Le, PA-C, "Chronic Pain: Rewiring the Pain System"';
const SLEEP_HYGIENE = 'The routine advice (regular bedtime, wind-down, dark cool room) is Emberwise\'s own, from sleep-hygiene research (Irish et al. 2015, Sleep Medicine Reviews)';
const STOP_BANG = 'Sleep apnoea screening: W. Le, PA-C; the STOP-Bang questionnaire (Chung 2008, 2016)';

/** @type {Lesson[]} */
export const LESSONS = [
  {
    key: 'sensitisation',
    title: 'When the alarm gets too sensitive',
    minutes: 2,
    paragraphs: [
      'Pain is your nervous system\'s alarm. It is meant to protect you, and it is real every time you feel it. But when pain goes on for months, the alarm itself can change: it becomes more sensitive and goes off more easily, even when the tissues have healed.',
      'Scientists call this sensitisation. Repeated signals from the body can "wind up" the spinal cord, so the same input feels stronger. Immune cells in the nervous system can join in and release chemical messengers that keep nerves on edge.',
      'That is why light touch or clothing can hurt (allodynia), why ordinary pain can feel much bigger (hyperalgesia), and why pain can spread beyond where it started — sometimes even to the other side of the body.',
      'The good news: a sensitive system can become calmer again. Sleep, steady movement, calmer breathing and understanding what is happening all help turn the volume down.',
    ],
    try: 'Notice one moment today when your pain was less. What were you doing?',
    sources: [H],
  },
  {
    key: 'sleep',
    title: 'Sleep and pain: a two-way street',
    minutes: 2,
    paragraphs: [
      'Poor sleep and pain feed each other. Pain breaks up sleep, and a bad night makes the next day\'s pain worse.',
      'Even one disrupted night raises inflammatory messengers such as IL-6 and TNF-α, and weakens the body\'s own pain relief: its natural opioids and the "brakes" that travel down from the brain to quieten pain signals.',
      'Because the cycle runs both ways, sleep is often the place where a small change helps most. A regular bedtime, a wind-down routine and a dark, cool room are worth more than they sound.',
      'Loud snoring, pauses in breathing that someone else notices, or waking unrefreshed can mean sleep apnoea, which breaks sleep without you knowing. A short questionnaire (STOP-Bang, in Practices) tells you whether to ask your doctor about a sleep study.',
    ],
    try: 'Pick a bedtime you can keep most nights this week, and set up your bedtime routine in Emberwise.',
    sources: [H, SLEEP_HYGIENE, STOP_BANG],
  },
  {
    key: 'stress',
    title: 'Stress and the nervous system',
    minutes: 2,
    paragraphs: [
      'Your nervous system has an accelerator (the "fight or flight" side) and a brake (the calming side, carried largely by the vagus nerve). Long-running stress can leave the accelerator pressed down, and a system on high alert reads more signals as danger.',
      'Difficult experiences, especially early in life, make chronic pain more likely later on — the more of them, the higher the chance. This is not "all in your head"; it is how nervous systems learn to protect us.',
      'The calming side can be trained. Slow breathing with a longer out-breath (about 4 seconds in and 7 to 8 out), humming, gargling, singing and cool water on the face all engage the vagus nerve, and vagal activity damps down inflammation. Daily practice matters more than long sessions.',
    ],
    try: 'Do one short breathing session today, even for one minute.',
    sources: [H, 'Felitti 1998 (adverse childhood experiences)'],
  },
  {
    key: 'inflammation',
    title: 'Inflammation load: many small things',
    minutes: 2,
    paragraphs: [
      'Chronic pain is often kept going by low-grade inflammation that sensitises nerves and lowers pain thresholds. It often does not show up on an MRI, an X-ray or routine blood tests.',
      'It rarely has one cause. Short or broken sleep, ongoing stress, boom-and-bust activity, too little recovery between demands, frequent NSAID use and irregular meals each add a little. Alone they seem minor; together they make a background load.',
      'That is why a single change — one food, one supplement — seldom fixes it, and why results come slowly. The aim is not to eliminate every trigger but to lower the total load and learn your own patterns. Emberwise tracks these pieces so you can see which ones matter for you.',
    ],
    try: 'Check in for a few days in a row so Emberwise can start showing your load.',
    sources: [A],
  },
  pacingLesson(PACING),
  {
    key: 'scans',
    title: 'Why scans can look "normal" — or not',
    minutes: 2,
    paragraphs: [
      'Many people are told their scan is normal while they are in real pain. Others are shown worrying words like "degeneration" or "bulge". Neither tells the whole story.',
      'A large review of scans from people with no back pain at all (Brinjikji 2015) found disc degeneration in 37% of 20-year-olds and disc bulges in 30% of them. By age 50 and over, nearly 60% of pain-free people had disc herniations.',
      'So many findings are as normal as grey hair, and pain can be very real with a clear scan, because it comes from a sensitised nervous system and low-grade inflammation that scans do not show.',
      'Scans are still important when a doctor suspects something specific — for example, with any of the warning signs on the urgent-care page.',
    ],
    try: 'If a scan report worried you, write down your questions for your next appointment.',
    sources: ['Brinjikji 2015 (systematic review of scans in people without pain), as cited by W. Le, PA-C', A],
  },
];

/** Progress for the list: lesson keys marked done in lesson_progress records. @param {{data: {lesson: string}}[]} records */
export function doneKeys(records) {
  return new Set(records.map((r) => r.data.lesson));
}

/**
 * The pacing lesson with the start share and weekly step of `rule` (rules/pacing.json), so a
 * figure changed there is the figure the lesson teaches.
 * @param {typeof PACING} rule @returns {Lesson}
 */
export function pacingLesson(rule) {
  const start = percent(rule.baseline_share), step = percent(rule.default_weekly_increase);
  return {
    key: 'pacing',
    title: 'Pacing: steady beats boom and bust',
    minutes: 2,
    paragraphs: [
      'On a good day it is tempting to catch up on everything. Then the pain and tiredness come back, often a day or two later, and you need days to recover. This is the boom-and-bust cycle, and it keeps a sensitive system on alert.',
      `Pacing means doing about the same amount each day, starting a little below what you can manage now — Emberwise suggests around ${start} of your typical day — and building up slowly, by about ${step} a week. These figures are rules of thumb rather than trial results. Regular rest breaks during long efforts help too.`,
      'Movement is safe and helps: it releases the body\'s own pain-relieving chemicals, calms inflammation in the nervous system and improves sleep. Walking, swimming, tai chi and gentle yoga are good places to start. "No pain, no gain" does not apply here.',
      'If you live with ME/CFS or your crashes follow any increase, holding steady rather than adding a fixed amount each week is the safer choice (NICE guideline NG206).',
    ],
    try: 'Open Pacing and look at the baseline Emberwise proposes from your check-ins.',
    sources: [A, H, `The ${start} start and about ${step} a week are Emberwise's own rules of thumb, not from our main sources: see Nielson et al. 2013 (activity pacing), and for weekly increases Buist 2008 and Nielsen 2014 (trials in novice runners)`, 'NICE NG206 (ME/CFS)'],
  };
}
