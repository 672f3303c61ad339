// Uploads whose only page failed, and whose second of two pages failed: the first is red and
// "failed" (and the "failed" filter lists it), the second amber and "completed with failures",
// with its failed page counted and the page's reason shown.
// Usage: node failed-uploads.mjs BASE_URL ALL_FAILED_PDF ONE_FAILED_PDF
import path from 'node:path';
import { runCase, expect, upload, waitForFullBar, jobRows } from './browser.mjs';

await runCase(async (page, [allFailed, oneFailed]) => {
  await upload(page, allFailed, 200);
  await page.waitForFunction(() => document.getElementById('current').classList.contains('failed')
    && document.getElementById('status').textContent === 'failed', null, { timeout: 120000 });
  const failedMessage = await page.textContent('#message');
  expect(failedMessage.startsWith('OCR failed: ') && !failedMessage.includes('OCR failed: OCR failed'), 'the reason: ' + failedMessage);
  await page.selectOption('#filter', 'failed');
  const failedName = path.basename(allFailed);
  await page.locator('#job-rows tr td.status-failed', { hasText: 'failed' }).first().waitFor({ timeout: 15000 });
  const failedRow = (await jobRows(page)).find((r) => r.name === failedName);
  expect(failedRow && failedRow.barFailed && failedRow.pages.includes('1 failed'), 'the failed filter lists it, red: ' + JSON.stringify(await jobRows(page)));

  await page.selectOption('#filter', '');
  await upload(page, oneFailed, 200);
  await waitForFullBar(page);
  await page.waitForFunction(() => document.getElementById('current').classList.contains('partial')
    && document.getElementById('status').textContent === 'completed with failures', null, { timeout: 30000 });
  const partialMessage = await page.textContent('#message');
  expect(partialMessage.includes('1 of 2'), 'says how many pages failed: ' + partialMessage);
  await page.waitForFunction(() => document.querySelectorAll('#pages .page').length === 2, null, { timeout: 15000 });
  const reasons = await page.$$eval('#pages .page .text', (ps) => ps.map((p) => p.textContent));
  expect(reasons.length === 2 && reasons[1].includes('Not recognised'), 'the failed page says why: ' + JSON.stringify(reasons));
  const partialName = path.basename(oneFailed);
  await page.locator('#job-rows td.status-completed_with_failures').first().waitFor({ timeout: 15000 });
  const partialRow = (await jobRows(page)).find((r) => r.name === partialName);
  expect(partialRow && partialRow.barPartial && !partialRow.barFailed && partialRow.status.startsWith('completed with failures')
    && partialRow.pages.startsWith('2 / 2: 1 ok, 1 failed'), 'amber, with counts: ' + JSON.stringify(partialRow));
  return { failedRow, partialRow };
});
