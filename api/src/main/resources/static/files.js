// The Files view of the ocrbatch page: drop-folder and ingest files per publisher, by status.
// Uses $, api and say from app.js (loaded after this file).
'use strict';
const FILE_STATUSES = ['pending', 'processing', 'completed', 'failed', 'skipped'];

async function refreshFiles() {
  let stats;
  try {
    stats = await api('/api/files/stats');
  } catch (e) {
    return; // the jobs list reports an unreachable server already
  }
  const total = document.getElementById('files-total');
  total.textContent = FILE_STATUSES.map(s => s + ' ' + stats.total[s]).join(' / ');
  const rows = document.getElementById('file-rows');
  rows.replaceChildren();
  for (const p of stats.publishers) {
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    name.textContent = p.publisher;
    tr.appendChild(name);
    for (const s of FILE_STATUSES) {
      const td = document.createElement('td');
      td.textContent = p.counts[s];
      td.className = 'num' + (s === 'failed' && p.counts[s] > 0 ? ' status-failed' : '');
      tr.appendChild(td);
    }
    const action = document.createElement('td');
    if (p.counts.failed > 0) {
      const reset = document.createElement('button');
      reset.type = 'button';
      reset.textContent = 'Retry failed';
      reset.addEventListener('click', async () => {
        const done = await api('/api/files/reset-failed?publisher=' + encodeURIComponent(p.publisher), { method: 'POST' });
        say(done.message);
        refreshFiles();
      });
      action.appendChild(reset);
    }
    tr.appendChild(action);
    rows.appendChild(tr);
  }
  document.getElementById('files').hidden = stats.publishers.length === 0;
}

setInterval(refreshFiles, 10000); // and once when the page has its models (app.js init)
