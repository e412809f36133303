// @ts-check
/** Splits CSV text into its header and record chunks without breaking quoted line breaks. Pure. */

/**
 * The text of each CSV record (line endings removed), honouring quotes, so a note with a
 * line break stays one record.
 * @param {string} text
 * @returns {string[]}
 */
export function csvRecords(text) {
  const out = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      out.push(text.slice(start, i));
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out.filter((r, i) => i === 0 || r.trim() !== '');
}

/**
 * Batches of at most `size` records, each repeated with the header, and the file line
 * number of each batch's first data record (the header is line 1). Blank lines are
 * dropped, so line numbers count records.
 * @param {string} text
 * @param {number} size
 * @returns {{csv: string, first_line: number, rows: number}[]}
 */
export function csvBatches(text, size = 500) {
  const [header, ...rows] = csvRecords(text.replace(/^\uFEFF/, ''));
  const out = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    out.push({ csv: [header, ...part].join('\r\n') + '\r\n', first_line: i + 2, rows: part.length });
  }
  return out;
}
