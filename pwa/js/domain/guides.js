// @ts-check
/**
 * Content of the short guided practices and of the therapies to ask about, written for
 * Emberwise. Every guide names its source; step timings are Emberwise's own choice and
 * say so. Pure data and small helpers, no DOM.
 *
 * @typedef {{text: string, seconds: number}} Step
 * @typedef {{key: string, title: string, summary: string, why: string, steps: Step[], rounds: number,
 *            caution: string, source: string, own: string}} Guide
 * @typedef {{key: string, title: string, what: string, helps: string, grade: string, evidence: string,
 *            find: string, source: string}} Referral
 */

export const H = 'W. Le, PA-C, "Chronic Pain: Rewiring the Pain System"';
const OWN_TIMING = 'The timings are Emberwise\'s own choice: short, so they fit into a day.';

/** Vagal toning: calming the nervous system through the vagus nerve, daily rather than now and then. @type {Guide[]} */
export const VAGAL = [
  {
    key: 'humming', title: 'Humming', rounds: 6,
    summary: 'Hum on a long out-breath and feel the buzz in your face and chest.',
    why: 'The vagus nerve runs past the voice box; humming lengthens the out-breath and gently stimulates it.',
    steps: [
      { text: 'Breathe in through your nose.', seconds: 4 },
      { text: 'Hum on a long, slow out-breath. Feel the vibration in your lips, face and chest.', seconds: 8 },
    ],
    caution: '', source: H, own: OWN_TIMING,
  },
  {
    key: 'gargling', title: 'Gargling', rounds: 3,
    summary: 'Gargle water firmly for a few rounds — once or twice a day, for example after brushing your teeth.',
    why: 'Gargling works the muscles at the back of the throat, which the vagus nerve supplies.',
    steps: [
      { text: 'Take a mouthful of water at room temperature.', seconds: 5 },
      { text: 'Tilt your head back a little and gargle firmly, enough to feel it at the back of your throat.', seconds: 20 },
      { text: 'Spit the water out and breathe out slowly.', seconds: 8 },
    ],
    caution: 'Skip gargling if you have trouble swallowing or have had recent throat or mouth surgery.',
    source: H, own: `${OWN_TIMING} The caution is Emberwise's own.`,
  },
  {
    key: 'cold_water', title: 'Cool water on the face', rounds: 3,
    summary: 'Briefly put your face in cool water, or hold a cold, wet cloth over it.',
    why: 'Cool water on the face sets off the "diving reflex", which slows the heart through the vagus nerve.',
    steps: [
      { text: 'Fill a bowl with cool (not icy) water, or wet a cloth with cold water.', seconds: 15 },
      { text: 'Hold your breath and put your face in the water, or press the cloth over forehead, eyes and cheeks.', seconds: 10 },
      { text: 'Lift your face and breathe out slowly. Rest.', seconds: 20 },
    ],
    caution: 'Ask your doctor before trying this if you have a heart condition, an irregular heartbeat, have fainted before, or have Raynaud\'s: the diving reflex slows the heart.',
    source: H, own: `${OWN_TIMING} The caution is Emberwise's own, from how the diving reflex works.`,
  },
  {
    key: 'singing', title: 'Singing', rounds: 1,
    summary: 'Sing a song you know, out loud. Long phrases lengthen the out-breath.',
    why: 'Singing combines long out-breaths with the throat muscles the vagus nerve supplies — and it is hard to sing and worry at once.',
    steps: [
      { text: 'Choose a song you know well and sing it out loud — a chorus, or the whole song.', seconds: 120 },
    ],
    caution: '', source: H, own: OWN_TIMING,
  },
];

const GMI = 'Graded motor imagery (NOI Group): 1) left/right judgement, 2) imagined movements, 3) mirror therapy, as named by W. Le, PA-C. Evidence: Moseley 2004 (randomised trial in complex regional pain syndrome); Bowering 2013 (systematic review: promising in CRPS and phantom limb pain, less clear elsewhere).';

/** Graded motor imagery, stage 2: imagine moving, without moving. */
export const IMAGERY = {
  key: 'imagery', title: 'Imagined movements', pictures: 10,
  intro: 'You will see a hand or foot in a position. Without moving at all, imagine moving your own hand or foot — the same side — slowly into that position, and back. Only imagine: keep still.',
  steps: [
    { text: 'Look at the picture: which side is it, and how is it turned?', seconds: 4 },
    { text: 'Now imagine moving your own {side} {part} slowly into that position, and back. Keep still.', seconds: 8 },
    { text: 'Let it go. Breathe out.', seconds: 3 },
  ],
  caution: 'If imagining the movements makes your pain flare, stop and spend more time on left/right judgement first, then try again with fewer pictures.',
  ready: 'People usually move on to imagined movements once left/right judgement is quick and accurate on both sides (about 80% correct, about 2 seconds a picture) — Emberwise\'s own reading of the NOI Group\'s reference values.',
  source: GMI, own: OWN_TIMING,
};

/** Graded motor imagery, stage 3: mirror therapy. */
export const MIRROR = {
  key: 'mirror', title: 'Mirror therapy',
  setup: [
    'Sit at a table with a mirror standing upright in front of you, its mirror side facing your pain-free side. A dressing-table mirror or a mirror box works.',
    'Put the painful hand (or foot) behind the mirror, out of sight, resting comfortably.',
    'Put the pain-free one in front of the mirror, in the same position, and look at its reflection: it should look like your painful one, moving easily.',
    'Take off rings or watches from the visible hand, so the reflection matches.',
  ],
  steps: {
    hand: [
      { text: 'Just look at the reflection. Let it feel like your painful hand.', seconds: 20 },
      { text: 'Slowly make a loose fist and open it again, watching the reflection.', seconds: 30 },
      { text: 'Turn the palm up, then down, slowly.', seconds: 30 },
      { text: 'Spread the fingers and bring them together.', seconds: 30 },
      { text: 'Rest, and just watch the reflection.', seconds: 20 },
    ],
    foot: [
      { text: 'Just look at the reflection. Let it feel like your painful foot.', seconds: 20 },
      { text: 'Slowly point the toes away, then pull them back towards you.', seconds: 30 },
      { text: 'Draw small circles with the foot, one way and then the other.', seconds: 30 },
      { text: 'Curl and spread the toes.', seconds: 30 },
      { text: 'Rest, and just watch the reflection.', seconds: 20 },
    ],
  },
  caution: 'Move only the limb you can see; leave the hidden one still. Stop if pain rises or you feel unwell or dizzy. Short sessions a few times a day suit the brain better than long ones.',
  ready: 'Mirror therapy is the last stage: try it once imagined movements are comfortable.',
  source: GMI, own: OWN_TIMING,
};

/** Therapies to ask a professional about (not practised in the app). @type {Referral[]} */
export const REFERRALS = [
  {
    key: 'mbsr', title: 'Mindfulness-based stress reduction (MBSR)',
    what: 'An 8-week group course developed by Jon Kabat-Zinn: weekly sessions of about two and a half hours, daily home practice and one longer day, teaching mindfulness meditation, a body scan and gentle yoga.',
    helps: 'It trains attention to let pain be there without the fight and the worry that amplify it.',
    grade: 'rct',
    evidence: 'In chronic low-back pain, MBSR improved function and pain more than usual care at six months, about as much as cognitive behavioural therapy (Cherkin 2016, randomised trial). In laboratory studies with healthy volunteers, brief mindfulness training lowered the intensity of a heat pain by about 40% and its unpleasantness by over 50% (Zeidan 2012 and 2015, as cited by W. Le).',
    find: 'Ask your doctor or pain team; MBSR courses are run by mindfulness centres and some health services, in person and online. Look for a teacher trained in the 8-week programme.',
    source: H,
  },
  {
    key: 'somatic_experiencing', title: 'Somatic experiencing',
    what: 'A body-focused therapy for the after-effects of trauma, developed by Peter Levine: attention to body sensations in small, safe steps, so that stress responses held in the body can settle.',
    helps: 'Where pain is bound up with past trauma and a nervous system stuck on alert, calming that alarm can lower pain.',
    grade: 'small_trial',
    evidence: 'One randomised trial in post-traumatic stress (Brom 2017); we know of no trials in chronic pain. W. Le names it for trauma-linked pain.',
    find: 'Look for a certified somatic experiencing practitioner who is also a registered health or mental-health professional; ask your doctor for a referral.',
    source: H,
  },
  {
    key: 'emdr', title: 'EMDR (eye movement desensitisation and reprocessing)',
    what: 'A structured trauma therapy: while recalling a distressing memory, you follow guided eye movements (or taps), which helps the memory lose its charge.',
    helps: 'Where pain began with, or is kept going by, trauma, processing the trauma can ease the pain system\'s alarm.',
    grade: 'small_trial',
    evidence: 'Recommended for post-traumatic stress disorder (NICE NG116, 2018; WHO 2013). For chronic pain, a systematic review of small studies found promising but low-quality evidence (Tesarz 2014).',
    find: 'Look for a therapist accredited by your country\'s EMDR association, and ask your doctor for a referral.',
    source: H,
  },
];

/**
 * Where a guided session is at `t` seconds: the round, the step and the seconds left in it;
 * `done` once every round has run.
 * @param {Step[]} steps @param {number} rounds @param {number} t
 */
export function stepAt(steps, rounds, t) {
  const perRound = steps.reduce((a, s) => a + s.seconds, 0);
  if (t >= perRound * rounds) return { done: true, round: rounds, index: steps.length - 1, left: 0 };
  const round = Math.floor(Math.max(0, t) / perRound);
  let within = Math.max(0, t) - round * perRound;
  let index = 0;
  while (within >= steps[index].seconds) { within -= steps[index].seconds; index += 1; }
  return { done: false, round: round + 1, index, left: Math.ceil(steps[index].seconds - within) };
}

/** Total seconds of a guided session. @param {Step[]} steps @param {number} rounds */
export function totalSeconds(steps, rounds) {
  return steps.reduce((a, s) => a + s.seconds, 0) * rounds;
}
