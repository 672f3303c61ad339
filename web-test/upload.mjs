// Uploads a PDF through the ocrbatch page in headless Chromium, waits for 100% and a recognised
// word, checks the page images and line boxes, and saves a screenshot.
// Usage: node upload.mjs BASE_URL PDF SCREENSHOT WORD
import { chromium } from 'playwright-core';

const [base, pdf, screenshot, word] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => console.log('browser console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('browser error:', e.message));
  await page.goto(base);
  await page.waitForSelector('#model option[value="tesseract-eng"]', { state: 'attached' });
  await page.selectOption('#model', 'tesseract-eng');
  await page.fill('#dpi', '150');
  await page.setInputFiles('#file', pdf);
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('progress').textContent === '100%', null, { timeout: 120000 });
  await page.locator('#pages .text p', { hasText: word }).first().waitFor({ timeout: 30000 });
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll('#pages img')];
    return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 30000 });
  const boxes = await page.locator('#pages svg rect').count();
  if (boxes < 5) throw new Error('expected line boxes over the pages, found ' + boxes);
  await page.locator('#job-rows td.status-completed').first().waitFor({ timeout: 15000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ ok: true, boxes, pages: await page.locator('#pages .page').count() }));
} finally {
  await browser.close();
}
