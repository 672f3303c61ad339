// A browser EventSource on an unknown job id gets an `error` event whose data JSON.parse reads,
// then `close`, as the README's handler expects.
// Usage: node stream-unknown.mjs BASE_URL
import { runCase, expect } from './browser.mjs';

await runCase(async (page) => {
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const events = [];
    const stream = new EventSource('/ocr/stream/no-such-job');
    stream.addEventListener('error', (e) => {
      try {
        events.push({ name: 'error', data: e.data === undefined ? null : JSON.parse(e.data) });
      } catch (failure) {
        events.push({ name: 'error', unparseable: String(e.data), failure: String(failure) });
      }
      if (e.data === undefined) { stream.close(); resolve(events); } // a data-less connection error
    });
    stream.addEventListener('close', () => { events.push({ name: 'close' }); stream.close(); resolve(events); });
  }));
  expect(seen.length === 2 && seen[1].name === 'close', 'an error event then close: ' + JSON.stringify(seen));
  const error = seen[0].data;
  expect(error && error.status === 'error' && error.job_id === 'no-such-job' && error.error.includes("no OCR job 'no-such-job'"),
    'the error event parses to {status, job_id, error}: ' + JSON.stringify(seen));
  return { error };
});
