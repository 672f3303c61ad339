// Runs one web-page case in Debian's headless Chromium: opens BASE_URL, hands the page to the case,
// prints {"ok": true, ...what the case returned} as the last line; a failed check throws (exit 1).
import { chromium } from 'playwright-core';

/** OPTIONS.beforeLoad(page, args): runs before the page opens (dialog handlers, say). */
export async function runCase(check, options = {}) {
  const [base, ...args] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => console.log('browser console:', m.type(), m.text()));
    page.on('pageerror', (e) => console.log('browser error:', e.message));
    if (options.beforeLoad) await options.beforeLoad(page, args);
    await page.goto(base);
    await page.waitForSelector('#model option[value="tesseract-eng"]', { state: 'attached' });
    const seen = await check(page, args);
    console.log(JSON.stringify({ ok: true, ...seen }));
  } finally {
    await browser.close();
  }
}

export function expect(condition, what) {
  if (!condition) throw new Error(what);
}

/** Uploads FILE through the form with the tesseract-eng model at DPI. */
export async function upload(page, file, dpi) {
  await page.selectOption('#model', 'tesseract-eng');
  await page.fill('#dpi', String(dpi));
  await page.setInputFiles('#file', file);
  await page.click('#submit');
}

export async function waitForFullBar(page) {
  await page.waitForFunction(() => document.getElementById('progress').textContent === '100%', null, { timeout: 120000 });
}

/** The jobs table's rows as {key, name, status, progress, pages, barWidth, barFailed, barPartial}. */
export async function jobRows(page) {
  return page.$$eval('#job-rows tr', (rows) => rows.map((tr) => {
    const bar = tr.querySelector('.bar');
    return {
      key: tr.dataset.key,
      name: tr.cells[0].textContent,
      status: tr.cells[2].textContent,
      progress: tr.cells[3].textContent.trim(),
      pages: tr.cells[4].textContent,
      barWidth: bar.firstChild.style.width,
      barFailed: bar.classList.contains('failed'),
      barPartial: bar.classList.contains('partial'),
    };
  }));
}
