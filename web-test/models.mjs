// The model list names each model's language: "tesseract-eng — English".
// Usage: node models.mjs BASE_URL
import { runCase, expect } from './browser.mjs';

await runCase(async (page) => {
  const options = await page.$$eval('#model option', (os) => os.map((o) => o.textContent));
  for (const shown of ['tesseract-eng — English', 'tesseract-bod-unicode — Tibetan', 'paddle-ch — Chinese and English']) {
    expect(options.includes(shown), 'model option "' + shown + '" among ' + JSON.stringify(options));
  }
  return { options };
});
