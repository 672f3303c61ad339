// The jobs list of the ocrbatch page: a page of jobs at a time, named by file, failed ones with their reason.
// Uses $, api, say and showResultPages from app.js (loaded after this file).
'use strict';
let jobsPage = 0; // 0: the newest jobs

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

const ENDED_UNSUCCESSFULLY = ['failed', 'canceled'];

/** How an ended job went (completed, completed_with_failures, failed, canceled), else its status. */
function outcomeOf(job) {
  return job.outcome || job.status;
}

/** Red for failed or canceled work, amber for work that partly failed, else none. */
function failureClass(job) {
  if (ENDED_UNSUCCESSFULLY.includes(job.status)) return 'failed';
  return job.pages.failed > 0 ? 'partial' : '';
}

/** Upload jobs by their file's name (the key in the tooltip), other jobs by their key. */
function nameCell(job) {
  const td = cell(job.filename || job.job_key, 'job-name');
  td.title = job.job_key;
  return td;
}

/** The outcome (or status), and for a job with failures why (its latest error). */
function statusCell(job) {
  const td = cell(outcomeOf(job).replace(/_/g, ' '), 'status-' + outcomeOf(job));
  if (job.status === 'failed' || job.outcome === 'completed_with_failures') {
    const reason = document.createElement('div');
    reason.className = 'reason';
    reason.textContent = job.recent_errors.length ? job.recent_errors[0].error : 'no reason was recorded (see the server log)';
    td.appendChild(reason);
  }
  return td;
}

/**
 * A bar of the pages finished: green, amber when some pages failed, red for a failed or canceled
 * job; empty and '—' while no page is known.
 */
function progressCell(job) {
  const known = job.pages.total > 0;
  const percent = known ? job.pages.percent : 0;
  const td = cell('');
  const bar = document.createElement('div');
  bar.className = ('bar ' + failureClass(job)).trim();
  bar.appendChild(document.createElement('div'));
  bar.firstChild.style.width = percent + '%';
  td.appendChild(bar);
  td.appendChild(document.createTextNode(' ' + (known ? Math.round(percent) + '%' : '—')));
  return td;
}

/** Pages finished of the total, then what happened to them: ok, failed (coloured), skipped. */
function pagesCell(job) {
  const p = job.pages;
  if (p.total === 0) return cell('—');
  const td = cell(p.ok + p.failed + (p.skipped || 0) + ' / ' + p.total + ': ' + p.ok + ' ok');
  if (p.failed) {
    td.appendChild(document.createTextNode(', '));
    const failed = document.createElement('span');
    failed.className = 'count-' + failureClass(job);
    failed.textContent = p.failed + ' failed';
    td.appendChild(failed);
  }
  if (p.skipped) td.appendChild(document.createTextNode(', ' + p.skipped + ' skipped (already done)'));
  return td;
}

function actionsCell(job) {
  const td = cell('');
  const add = (label, action) => {
    const b = document.createElement('button');
    b.textContent = label;
    b.addEventListener('click', async () => {
      try { await action(); } catch (e) { say(e.message, true); }
      refreshJobs();
    });
    td.appendChild(b);
  };
  const key = encodeURIComponent(job.job_key);
  if (job.status === 'running' || job.status === 'created') add('Pause', () => api('/api/jobs/' + key + '/pause', { method: 'POST' }));
  if (job.status === 'paused') add('Resume', () => api('/api/jobs/' + key + '/resume', { method: 'POST' }));
  if (!['completed', ...ENDED_UNSUCCESSFULLY].includes(job.status)) {
    add('Cancel', async () => {
      const what = job.filename || job.job_key;
      if (confirm('Cancel ' + what + '? Pages being OCRed now finish; the others are not OCRed.')) {
        await api('/api/jobs/' + key + '/cancel', { method: 'POST' });
      }
    });
  }
  if (ENDED_UNSUCCESSFULLY.includes(job.status)) add('Restart', () => api('/api/jobs/' + key + '/restart', { method: 'POST' }));
  if (['completed', 'failed'].includes(job.status) && job.filename) add('View', () => showResultPages(job.job_key, job.filename, 0, true));
  return td;
}

/** Shows one page of jobs, newest first; asks for one job more than it shows to know whether older ones exist. */
async function refreshJobs() {
  const status = $('filter').value;
  const size = Number($('page-size').value);
  let jobs;
  try {
    jobs = await api('/api/jobs?limit=' + (size + 1) + '&offset=' + jobsPage * size + (status ? '&status=' + status : ''));
  } catch (e) {
    return;
  }
  if (jobs.length === 0 && jobsPage > 0) { // the page emptied (jobs filtered out): show the last one there is
    jobsPage -= 1;
    return refreshJobs();
  }
  const older = jobs.length > size;
  jobs = jobs.slice(0, size);
  $('newer').disabled = jobsPage === 0;
  $('older').disabled = !older;
  const first = jobsPage * size + 1;
  $('page-info').textContent = jobs.length ? 'jobs ' + first + '–' + (first + jobs.length - 1) : 'no jobs';
  const rows = $('job-rows');
  rows.innerHTML = '';
  for (const job of jobs) {
    const tr = document.createElement('tr');
    tr.dataset.key = job.job_key;
    [nameCell(job), cell(job.job_type), statusCell(job), progressCell(job), pagesCell(job),
      cell(new Date(job.created_at).toLocaleString()), actionsCell(job)].forEach((td) => tr.appendChild(td));
    rows.appendChild(tr);
  }
}

function showJobsPage(page) {
  jobsPage = Math.max(0, page);
  refreshJobs();
}
