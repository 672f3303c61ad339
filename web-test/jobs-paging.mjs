// The jobs list shows a page at a time: 10 per page, older ones on the next page, and back.
// Usage: node jobs-paging.mjs BASE_URL OLDEST_JOB_KEY
import { runCase, expect, jobRows } from './browser.mjs';

await runCase(async (page, [oldestKey]) => {
  await page.selectOption('#page-size', '10');
  await page.waitForFunction(() => document.querySelectorAll('#job-rows tr').length === 10, null, { timeout: 15000 });
  expect(!(await jobRows(page)).some((r) => r.key === oldestKey), 'the oldest job is not on the first page');
  expect(await page.isDisabled('#newer'), 'no newer page than the first');
  await page.click('#older');
  await page.waitForFunction(() => document.getElementById('page-info').textContent.startsWith('jobs 11–'), null, { timeout: 15000 });
  const second = await jobRows(page);
  expect(second.some((r) => r.key === oldestKey), 'the oldest job is on the second page: ' + JSON.stringify(second));
  await page.click('#newer');
  await page.waitForFunction(() => document.getElementById('page-info').textContent === 'jobs 1–10', null, { timeout: 15000 });
  return { secondPage: second.length };
});
