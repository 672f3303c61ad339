// A failed job restarted from the jobs list once its cause is fixed: its Restart button runs it
// again under the same key, and the row turns completed.
// Usage: node restart-job.mjs BASE_URL JOB_KEY
import { runCase, expect, jobRows } from './browser.mjs';

await runCase(async (page, [key]) => {
  const row = `#job-rows tr[data-key="${key}"]`;
  await page.locator(`${row} td.status-failed`).waitFor({ timeout: 30000 });
  await page.locator(`${row} button`, { hasText: 'Restart' }).click();
  await page.locator(`${row} td.status-completed`).waitFor({ timeout: 120000 });
  const after = (await jobRows(page)).find((r) => r.key === key);
  expect(!after.barFailed && after.progress.includes('100%'), 'a full green bar: ' + JSON.stringify(after));
  expect((await page.locator(`${row} button`, { hasText: 'Restart' }).count()) === 0, 'no Restart on a completed job');
  return { row: after };
});
