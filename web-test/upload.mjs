// Uploads a PDF through the ocrbatch page, waits for 100% and a recognised word, checks the page
// images and line boxes, and that the jobs list names the job by the file; saves a screenshot.
// Usage: node upload.mjs BASE_URL PDF SCREENSHOT WORD
import path from 'node:path';
import { runCase, expect, upload, waitForFullBar, jobRows } from './browser.mjs';

await runCase(async (page, [pdf, screenshot, word]) => {
  await upload(page, pdf, 150);
  await waitForFullBar(page);
  await page.locator('#pages .text p', { hasText: word }).first().waitFor({ timeout: 30000 });
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll('#pages img')];
    return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 30000 });
  const boxes = await page.locator('#pages svg rect').count();
  expect(boxes >= 5, 'expected line boxes over the pages, found ' + boxes);
  await page.locator('#job-rows td.status-completed').first().waitFor({ timeout: 15000 });
  const row = (await jobRows(page)).find((r) => r.status === 'completed');
  expect(row.name === path.basename(pdf), 'the jobs list names the upload by its file, not ' + JSON.stringify(row));
  await page.screenshot({ path: screenshot, fullPage: true });
  return { boxes, pages: await page.locator('#pages .page').count(), listedAs: row.name };
});
