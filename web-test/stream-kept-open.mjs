// A browser EventSource that stays open after `close` (a client that does not close it) gets no
// data-less `error` event and does not reconnect: only the stream's own events reach its handler.
// Usage: node stream-kept-open.mjs BASE_URL
import { runCase, expect } from './browser.mjs';

await runCase(async (page) => {
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const events = [];
    const stream = new EventSource('/ocr/stream/no-such-job');
    stream.addEventListener('error', (e) => {
      events.push({ name: 'error', parses: e.data !== undefined && JSON.parse(e.data).status === 'error' });
    });
    stream.addEventListener('close', () => {
      events.push({ name: 'close' });
      setTimeout(() => { resolve({ events, readyState: stream.readyState }); stream.close(); }, 3000);
    });
  }));
  expect(JSON.stringify(seen.events) === '[{"name":"error","parses":true},{"name":"close"}]',
    'only the error (with data) and close events, nothing after close: ' + JSON.stringify(seen));
  expect(seen.readyState === 1, 'still OPEN (1), not CONNECTING again, 3 s after close: ' + JSON.stringify(seen));
  return seen;
});
