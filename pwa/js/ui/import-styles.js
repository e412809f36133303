// @ts-check
/** The stylesheet of the health import screen and the imported-value notes, added once. */
let added = false;

export function ensureImportStyles() {
  if (added || document.querySelector('link[data-import]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/css/import.css';
  link.dataset.import = '';
  document.head.append(link);
  added = true;
}
