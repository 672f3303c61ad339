// After a finished upload, a rejected one clears the finished job's 100% bar and result.
// Usage: node rejected-upload.mjs BASE_URL GOOD_PDF BAD_FILE
import { runCase, expect, upload, waitForFullBar } from './browser.mjs';

await runCase(async (page, [good, bad]) => {
  await upload(page, good, 100);
  await waitForFullBar(page);
  await page.locator('#result').waitFor({ state: 'visible', timeout: 30000 });
  await upload(page, bad, 100);
  await page.locator('#message.error').waitFor({ timeout: 30000 });
  const message = await page.textContent('#message');
  expect(message.includes('is neither a PDF nor'), 'the refusal is shown: ' + message);
  const bar = await page.isVisible('#current');
  const result = await page.isVisible('#result');
  expect(!bar && !result, 'the previous job is cleared (bar shown: ' + bar + ', result shown: ' + result + ')');
  return { message };
});
