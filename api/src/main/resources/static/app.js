// The ocrbatch page: upload, follow over SSE, show pages with their line boxes, list and control jobs.
'use strict';
const $ = (id) => document.getElementById(id);
// The access token, asked once and kept for this browser tab's session (never in localStorage).
let token = sessionStorage.getItem('ocrbatch-token') || '';
let tokenPrompt = null; // the question on screen, shared by every request that met a 401
let tokenDeclined = false; // the user closed the question: the "access token" link asks again
let currentStream = null;

function withToken(url) {
  return token ? url + (url.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token) : url;
}

/**
 * Calls the API with the token; on 401 asks for a token once (requests that meet a 401 meanwhile
 * wait for the same answer) and repeats the call with it.
 */
async function api(path, options = {}, repeated = false) {
  const sent = token;
  const headers = Object.assign({}, options.headers || {});
  if (sent) headers.Authorization = 'Bearer ' + sent;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    if (!repeated && await tokenAnswered(sent)) return api(path, options, true);
    throw new Error('This server needs an access token: use the "access token" link above.');
  }
  const body = (response.headers.get('content-type') || '').includes('json') ? await response.json() : await response.text();
  if (!response.ok && response.status !== 202) throw new Error(body.detail || ('HTTP ' + response.status));
  return body;
}

/** Whether there is a (new) token to try after a 401 for the token {@code sent}. */
function tokenAnswered(sent) {
  if (token !== sent) return Promise.resolve(true); // answered since that request left
  if (tokenDeclined) return Promise.resolve(false);
  if (!tokenPrompt) {
    const why = sent ? 'The access token was not accepted.' : 'This server needs an access token.';
    tokenPrompt = new Promise((resolve) => setTimeout(() => {
      const answered = setToken(prompt(why + '\nAccess token:', sent));
      tokenDeclined = !answered;
      tokenPrompt = null;
      resolve(answered);
    }));
  }
  return tokenPrompt;
}

/** Keeps a token the user gave (null: none given) for the session; true when one was given. */
function setToken(given) {
  if (given === null) return false;
  token = given.trim();
  sessionStorage.setItem('ocrbatch-token', token);
  return true;
}

/** The "access token" link: asks for another token, then reloads the lists with it. */
function askToken() {
  if (!setToken(prompt('Access token (empty for none):', token))) return;
  tokenDeclined = false;
  say('');
  init();
}

/** A message above the progress bar; KIND true (or 'error') for an error, 'warning' for amber. */
function say(text, kind) {
  $('message').textContent = text;
  $('message').className = kind === true ? 'error' : kind || '';
}

/** Forgets the job shown above (its stream, bar and result), before another upload. */
function clearCurrent() {
  if (currentStream) currentStream.close();
  currentStream = null;
  $('current').hidden = true;
  $('result').hidden = true;
  $('pages').innerHTML = '';
  $('elapsed').textContent = '';
  showProgressBar(0);
}

/** FAILURE: 'failed' (red), 'partial' (amber: some pages failed) or none (green). */
function showProgressBar(percent, failure) {
  $('current').classList.toggle('failed', failure === 'failed');
  $('current').classList.toggle('partial', failure === 'partial');
  $('progress').textContent = Math.round(percent) + '%';
  $('progress-fill').style.width = percent + '%';
}

function showFailed(reason) {
  $('current').hidden = false;
  $('current').classList.add('failed');
  $('status').textContent = 'failed';
  say(reason.startsWith('OCR failed') ? reason : 'OCR failed: ' + reason, true);
}

function showProgress(percent, status, elapsed, failure) {
  $('current').hidden = false;
  showProgressBar(percent, failure);
  $('status').textContent = status;
  if (elapsed !== undefined) $('elapsed').textContent = elapsed + ' s';
}

async function submit(event) {
  event.preventDefault();
  const files = $('file').files;
  if (!files.length) return say('Choose a PDF or images first.', true);
  const form = new FormData();
  const model = $('model').value;
  const dpi = $('dpi').value;
  let path;
  if (files.length === 1) {
    form.append('file', files[0]);
    path = '/ocr/submit?model=' + encodeURIComponent(model) + '&dpi=' + encodeURIComponent(dpi);
  } else {
    for (const f of files) form.append('files', f);
    path = '/api/jobs?job_type=' + encodeURIComponent(model) + '&dpi=' + encodeURIComponent(dpi);
  }
  $('submit').disabled = true;
  clearCurrent();
  say('Uploading…');
  try {
    const body = await api(path, { method: 'POST', body: form });
    const id = body.job_id || body.job_key;
    const name = body.filename || files[0].name;
    say('Submitted ' + (body.total_pages ? body.total_pages + ' page(s) of ' : '') + name + ' (job ' + id + ').');
    follow(id, name);
  } catch (e) {
    say(e.message, true);
  } finally {
    $('submit').disabled = false;
  }
}

function follow(id, name) {
  clearCurrent();
  showProgress(0, 'pending');
  const stream = new EventSource(withToken('/ocr/stream/' + encodeURIComponent(id)));
  currentStream = stream;
  stream.addEventListener('status', (e) => {
    const s = JSON.parse(e.data);
    const failed = s.failed_pages ? ', ' + s.failed_pages + ' page(s) failed' : '';
    showProgress(s.progress || 0, s.status + failed, s.elapsed, failed ? 'partial' : '');
  });
  stream.addEventListener('result', (e) => {
    const result = JSON.parse(e.data);
    if (result.failed_pages) {
      showProgress(100, 'completed with failures', undefined, 'partial');
      say(result.message, 'warning');
    } else {
      showProgress(100, 'completed');
    }
    showResultPages(result.job_id, name, 0, false).catch((error) => say(error.message, true));
  });
  stream.addEventListener('error', (e) => {
    if (e.data) showFailed(JSON.parse(e.data).error); // without data: the connection broke, EventSource retries
  });
  stream.addEventListener('timeout', () => say('Still running; the jobs list below keeps showing its progress.'));
  stream.addEventListener('close', () => { stream.close(); refreshJobs(); });
}

const RESULT_PAGES = 10; // pages of a result shown at once: a 500-page upload is not one long page
let shownResult = null; // {id, name, offset, total}

/**
 * Shows RESULT_PAGES pages of job ID's result from page OFFSET (the server reads only those), with
 * buttons to the pages before and after; SCROLL brings the result into view (from the jobs list).
 */
async function showResultPages(id, name, offset, scroll) {
  const query = '?offset=' + offset + '&limit=' + RESULT_PAGES;
  const result = await api('/ocr/result/' + encodeURIComponent(id) + query);
  shownResult = { id, name: name || result.filename, offset, total: result.total_pages };
  showResult(result, shownResult.name);
  const last = Math.min(result.total_pages, offset + RESULT_PAGES);
  $('result-info').textContent = 'pages ' + (offset + 1) + '–' + last + ' of ' + result.total_pages;
  $('result-previous').disabled = offset === 0;
  $('result-next').disabled = last >= result.total_pages;
  if (scroll) $('result').scrollIntoView();
}

function showOtherResultPages(step) {
  const offset = Math.max(0, shownResult.offset + step * RESULT_PAGES);
  showResultPages(shownResult.id, shownResult.name, offset, true).catch((e) => say(e.message, true));
}

/** The pages in RESULT (keys page_N, N from 0 in the whole upload): each scan beside its text. */
function showResult(result, name) {
  const id = result.job_id;
  $('result').hidden = false;
  $('result-name').textContent = name || result.filename;
  $('dl-md').href = withToken('/ocr/result/' + id + '/markdown');
  $('dl-zip').href = withToken('/ocr/result/' + id + '/download');
  $('dl-json').href = withToken('/ocr/result/' + id);
  const pages = $('pages');
  pages.innerHTML = '';
  Object.keys(result.results).forEach((key) => {
    const index = Number(key.slice('page_'.length));
    const page = result.results[key];
    const div = document.createElement('div');
    div.className = 'page';
    div.id = key;
    const scan = document.createElement('div');
    scan.className = 'scan';
    const img = document.createElement('img');
    img.alt = 'page ' + (index + 1);
    img.src = withToken('/ocr/result/' + id + '/pages/' + index + '/image');
    scan.appendChild(img);
    const text = document.createElement('div');
    text.className = 'text';
    text.innerHTML = '<h3>Page ' + (index + 1) + '</h3>';
    if (page.status !== 'success') {
      const p = document.createElement('p');
      p.textContent = 'Not recognised: ' + page.error;
      text.appendChild(p);
    } else {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 ' + page.width + ' ' + page.height);
      svg.setAttribute('preserveAspectRatio', 'none');
      page.data.forEach((line, n) => {
        const [x1, y1, x2, y2] = line.bbox;
        const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        rect.setAttribute('x', x1); rect.setAttribute('y', y1);
        rect.setAttribute('width', x2 - x1); rect.setAttribute('height', y2 - y1);
        const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        title.textContent = line.text;
        rect.appendChild(title);
        svg.appendChild(rect);
        const p = document.createElement('p');
        p.textContent = line.text;
        p.addEventListener('mouseenter', () => rect.style.fill = 'rgba(255,200,0,.6)');
        p.addEventListener('mouseleave', () => rect.style.fill = '');
        text.appendChild(p);
      });
      scan.appendChild(svg);
    }
    div.appendChild(scan);
    div.appendChild(text);
    pages.appendChild(div);
  });
}

async function init() {
  try {
    const types = await api('/api/job-types');
    const select = $('model');
    const chosen = select.value || 'tesseract-eng';
    select.innerHTML = '';
    for (const t of types) {
      const option = document.createElement('option');
      option.value = t.name;
      option.textContent = t.name + (t.language_name ? ' — ' + t.language_name : '');
      option.title = t.engine + ' ' + t.model + ', ' + t.encoding + ' output';
      select.appendChild(option);
    }
    select.value = types.some((t) => t.name === chosen) ? chosen : types[0].name;
    refreshJobs();
    refreshFiles();
  } catch (e) {
    say(e.message, true);
  }
}

$('upload-form').addEventListener('submit', submit);
$('filter').addEventListener('change', () => showJobsPage(0));
$('page-size').addEventListener('change', () => showJobsPage(0));
$('newer').addEventListener('click', () => showJobsPage(jobsPage - 1));
$('older').addEventListener('click', () => showJobsPage(jobsPage + 1));
$('result-previous').addEventListener('click', () => showOtherResultPages(-1));
$('result-next').addEventListener('click', () => showOtherResultPages(1));
$('token-link').addEventListener('click', (e) => { e.preventDefault(); askToken(); });
$('show-boxes').addEventListener('change', (e) => $('pages').classList.toggle('hide-boxes', !e.target.checked));
setInterval(refreshJobs, 3000);
init();
