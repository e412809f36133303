// @ts-check
/**
 * STOP-Bang: an eight-question screen for obstructive sleep apnoea, which breaks sleep and so
 * feeds the sleep–pain cycle. Questions and scoring follow Chung 2008 (the questionnaire) and
 * Chung 2016 (risk bands, including the rule that 2+ STOP answers with male sex, BMI over 35
 * or a neck over 40 cm is high risk). A screen, not a diagnosis. Pure.
 */

export const SOURCE = 'Chung F, et al. STOP questionnaire (Anesthesiology 2008); Chung F, et al. STOP-Bang: a practical approach to screen for obstructive sleep apnea (Chest 2016)';

export const QUESTIONS = Object.freeze([
  { key: 'snoring', text: 'Do you snore loudly — louder than talking, or loud enough to be heard through a closed door?' },
  { key: 'tired', text: 'Do you often feel tired, worn out or sleepy during the day?' },
  { key: 'observed', text: 'Has anyone seen you stop breathing, or choke or gasp, during your sleep?' },
  { key: 'pressure', text: 'Do you have high blood pressure, or take treatment for it?' },
  { key: 'bmi', text: 'Is your body mass index (BMI) over 35?' },
  { key: 'age', text: 'Are you over 50?' },
  { key: 'neck', text: 'Is your neck more than 40 cm (16 inches) around?' },
  { key: 'gender', text: 'Is your sex male?' },
]);

/** @typedef {Record<string, boolean>} Answers one yes/no per question key */

/** Body mass index from height in cm and weight in kg, or null. @param {number} heightCm @param {number} weightKg */
export function bmi(heightCm, weightKg) {
  if (!(heightCm > 0 && weightKg > 0)) return null;
  return weightKg / (heightCm / 100) ** 2;
}

/**
 * Score 0–8 and risk band: high (5–8, or 2+ of the four STOP answers with male sex, BMI over 35
 * or a neck over 40 cm), intermediate (3–4), low (0–2).
 * @param {Answers} a
 * @returns {{score: number, risk: 'low'|'intermediate'|'high'}}
 */
export function stopBang(a) {
  const score = QUESTIONS.filter((q) => a[q.key]).length;
  const stop = ['snoring', 'tired', 'observed', 'pressure'].filter((k) => a[k]).length;
  const high = score >= 5 || (stop >= 2 && (a.gender || a.bmi || a.neck));
  return { score, risk: high ? 'high' : score >= 3 ? 'intermediate' : 'low' };
}

export const ADVICE = Object.freeze({
  high: 'High risk of obstructive sleep apnoea. Please ask your doctor about a sleep study: treating sleep apnoea improves sleep, and better sleep helps calm pain.',
  intermediate: 'Intermediate risk of obstructive sleep apnoea. Mention it to your doctor, especially if you wake unrefreshed or feel sleepy in the day; they may suggest a sleep study.',
  low: 'Low risk of obstructive sleep apnoea. If you snore loudly, wake unrefreshed or someone has seen you stop breathing at night, mention it to your doctor anyway.',
});
