// The page on a server that needs an access token: it asks once, and every view works with the
// token (models, jobs list, Files view, upload, its live progress, its page images); a reload in
// the same tab does not ask again, and the token is not kept beyond the session.
// Usage: node with-token.mjs BASE_URL TOKEN PDF JOB_KEY PUBLISHER
import { runCase, expect, upload, waitForFullBar, jobRows } from './browser.mjs';

const asked = [];
const errors = [];
const [, token] = process.argv.slice(2);

await runCase(async (page, [, pdf, jobKey, publisher]) => {
  await page.locator(`#job-rows tr[data-key="${jobKey}"]`).waitFor({ timeout: 30000 });
  await page.locator('#files:not([hidden]) #file-rows tr').first().waitFor({ timeout: 30000 });
  const files = await page.$$eval('#file-rows tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
  expect(files.includes(publisher), 'the Files view lists ' + publisher + ': ' + JSON.stringify(files));

  await upload(page, pdf, 150);
  await waitForFullBar(page);
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll('#pages img')];
    return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 30000 });
  await page.locator('#job-rows td.status-completed').first().waitFor({ timeout: 15000 });
  const rows = await jobRows(page);

  await page.reload();
  await page.waitForSelector('#model option[value="tesseract-eng"]', { state: 'attached' });
  await page.locator(`#job-rows tr[data-key="${jobKey}"]`).waitFor({ timeout: 30000 });
  const kept = await page.evaluate(() => ({ session: sessionStorage.getItem('ocrbatch-token'), local: localStorage.getItem('ocrbatch-token') }));

  expect(asked.length === 1, 'asked for the token once, not ' + JSON.stringify(asked));
  expect(kept.session === token && kept.local === null, 'the token is kept for the session only: ' + JSON.stringify(kept));
  expect(errors.length === 0, 'no script errors: ' + JSON.stringify(errors));
  return { asked, rows: rows.length };
}, {
  beforeLoad: (page) => {
    page.on('dialog', (dialog) => { asked.push(dialog.message()); dialog.accept(token); });
    page.on('pageerror', (e) => errors.push(e.message));
  },
});
