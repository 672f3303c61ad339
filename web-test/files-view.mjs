// The Files view: a row per publisher with its files by status, and a retry button for failures.
// Usage: node files-view.mjs BASE_URL PUBLISHER
import { runCase, expect } from './browser.mjs';

await runCase(async (page, [publisher]) => {
  await page.locator('#files:not([hidden]) #file-rows tr').first().waitFor({ timeout: 30000 });
  const rows = await page.$$eval('#file-rows tr', (trs) => trs.map((tr) => Array.from(tr.cells).map((td) => td.textContent)));
  const row = rows.find((r) => r[0] === publisher);
  expect(row && row[1] === '2' && row[4] === '1' && row[6] === 'Retry failed', 'publisher row: ' + JSON.stringify(rows));
  await page.locator('#file-rows button').first().click();
  await page.waitForFunction(() => !document.querySelector('#file-rows button'), null, { timeout: 15000 });
  const after = await page.$$eval('#file-rows tr', (trs) => trs.map((tr) => Array.from(tr.cells).map((td) => td.textContent)));
  expect(after.find((r) => r[0] === publisher)[1] === '3', 'the failed file is pending again: ' + JSON.stringify(after));
  return { rows, after };
});
