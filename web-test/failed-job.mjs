// A failed job in the jobs list: a red, empty bar, no "0 / 0", and the reason it failed.
// Usage: node failed-job.mjs BASE_URL JOB_KEY REASON_PART
import { runCase, expect, jobRows } from './browser.mjs';

await runCase(async (page, [key, reason]) => {
  await page.locator(`#job-rows tr[data-key="${key}"] td.status-failed`).waitFor({ timeout: 30000 });
  const row = (await jobRows(page)).find((r) => r.key === key);
  expect(row.barFailed && row.barWidth !== '100%', 'not a full green bar: ' + JSON.stringify(row));
  expect(!row.pages.includes('0 / 0') && !row.progress.includes('100%'), 'no "0 / 0", no 100%: ' + JSON.stringify(row));
  expect(row.status.includes(reason), 'the reason is shown: ' + JSON.stringify(row));
  return { row };
});
