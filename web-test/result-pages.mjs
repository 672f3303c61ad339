// A long upload's result a page of pages at a time; "View" from the jobs list brings the result into
// view; Cancel asks first (dismissed: nothing happens; accepted: the job is canceled).
// Usage: node result-pages.mjs BASE_URL PDF_OF_23_PAGES MODEL PAUSED_JOB_KEY
import path from 'node:path';
import { runCase, expect } from './browser.mjs';

const info = (page) => page.textContent('#result-info');
const shownPages = (page) => page.$$eval('#pages .page h3', (hs) => hs.map((h) => h.textContent));

await runCase(async (page, [pdf, model, pausedKey]) => {
  await page.selectOption('#model', model);
  await page.fill('#dpi', '100');
  await page.setInputFiles('#file', pdf);
  await page.click('#submit');
  await page.waitForFunction(() => document.getElementById('result-info').textContent === 'pages 1–10 of 23', null, { timeout: 120000 });
  const first = await shownPages(page);
  expect(first.length === 10 && first[0] === 'Page 1', 'the first ten pages: ' + JSON.stringify(first));
  await page.click('#result-next');
  await page.waitForFunction(() => document.getElementById('result-info').textContent === 'pages 11–20 of 23', null, { timeout: 15000 });
  const second = await shownPages(page);
  expect(second.length === 10 && second[0] === 'Page 11', 'pages 11-20: ' + JSON.stringify(second));
  await page.click('#result-next');
  await page.waitForFunction(() => document.querySelectorAll('#pages .page').length === 3, null, { timeout: 15000 });
  expect(await info(page) === 'pages 21–23 of 23' && await page.isDisabled('#result-next'), 'the last pages: ' + await info(page));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);

  await page.reload();
  const row = page.locator('#job-rows tr', { hasText: path.basename(pdf) });
  await row.locator('button', { hasText: 'View' }).waitFor({ timeout: 30000 });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await row.locator('button', { hasText: 'View' }).click();
  await page.waitForFunction(() => {
    const result = document.getElementById('result');
    const top = result.getBoundingClientRect().top;
    return !result.hidden && document.querySelectorAll('#pages .page').length === 10 && top >= 0 && top < window.innerHeight;
  }, null, { timeout: 15000 });

  const paused = page.locator(`#job-rows tr[data-key="${pausedKey}"]`);
  const status = () => page.evaluate((key) => fetch('/api/jobs/' + key).then((r) => r.json()).then((j) => j.status), pausedKey);
  const questions = [];
  const answering = (accept) => (dialog) => { questions.push(dialog.type() + ': ' + dialog.message()); return accept ? dialog.accept() : dialog.dismiss(); };
  page.once('dialog', answering(false));
  await paused.locator('button', { hasText: 'Cancel' }).click();
  expect(questions.length === 1 && questions[0].startsWith('confirm: Cancel'), 'Cancel asks: ' + JSON.stringify(questions));
  expect(await status() === 'paused', 'not canceled when the question is dismissed');
  page.once('dialog', answering(true));
  await paused.locator('button', { hasText: 'Cancel' }).click();
  expect(questions.length === 2, 'asked again: ' + JSON.stringify(questions));
  await page.locator(`#job-rows tr[data-key="${pausedKey}"] td.status-canceled`).waitFor({ timeout: 60000 });
  return { questions, lastPageHeight: height };
});
