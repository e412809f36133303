// @ts-check
/** Bedtime routine: clock arithmetic across midnight and sleep regularity. Pure. */

/**
 * "23:30" -> minutes after noon (690), so evening and after-midnight times order
 * naturally: 22:00 -> 600, 00:30 -> 750.
 * @param {string} hhmm
 */
export function minutesAfterNoon(hhmm) {
  const [h, m] = hhmm.split(':').map(Number);
  return (((h - 12) * 60 + m) % 1440 + 1440) % 1440;
}

/** Inverse of minutesAfterNoon. @param {number} mins @returns {string} */
export function clockFromNoon(mins) {
  const t = ((Math.round(mins) % 1440) + 1440) % 1440;
  const total = (t + 720) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Signed minutes `actual` was after `target` (negative = earlier), both "HH:MM".
 * @param {string} actual @param {string} target
 */
export function minutesLate(actual, target) {
  return minutesAfterNoon(actual) - minutesAfterNoon(target);
}

/**
 * Regularity of bedtimes as the standard deviation in minutes (lower is steadier);
 * null with fewer than 3 nights.
 * @param {string[]} times "HH:MM" each
 */
export function bedtimeSpread(times) {
  if (times.length < 3) return null;
  const xs = times.map(minutesAfterNoon);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

/** Plain words for a spread in minutes. @param {number|null} sd */
export function regularityWords(sd) {
  if (sd === null) return 'Tick off your routine on a few evenings to see how regular your bedtime is.';
  if (sd <= 30) return `Steady: your bedtime usually varies by about ${Math.round(sd)} minutes.`;
  if (sd <= 60) return `Fairly steady: your bedtime varies by about ${Math.round(sd)} minutes.`;
  return `Irregular: your bedtime varies by about ${Math.round(sd / 60 * 10) / 10} hours. A steadier time helps sleep.`;
}

/** Hours between bedtime and wake time ("23:00", "07:00" -> 8). @param {string} bed @param {string} wake */
export function hoursInBed(bed, wake) {
  return (minutesAfterNoon(wake) - minutesAfterNoon(bed) + 1440) % 1440 / 60;
}
