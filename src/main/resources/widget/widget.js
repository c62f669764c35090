// Parley web widget. GET /widget.js serves this file wrapped in one function together with the safe Markdown
// renderer (static/js/markdown.js), which this code knows as ParleyMarkdown. No framework, no cookies, no globals
// but window.Parley; the interface lives in a Shadow DOM so the host page's CSS and the widget's never meet.
//
//   <script src="https://HOST/widget.js" data-parley-key="pk_..." async></script>
//   optional: data-parley-host="https://HOST" (default: where the script came from), data-parley-open="true"
//
//   window.Parley.identify({externalId, name, email, userHash})   a signed-in user (userHash signs externalId)
//   window.Parley.open() / close() / reset() / shutdown() / boot({key, host, open})
//   Calls made before the script has loaded can be queued: window.Parley = {q: [['identify', {...}]]}.
var VERSION = '1';
var RETRY_LIMIT = 3;
var EVENTS_MAX_BACKOFF_MS = 30000;
var TEXT_LIMIT = 10000;

if (window.Parley && window.Parley.version) {
  return; // the script tag is on the page twice: the first copy runs the widget
}
var queued = window.Parley && Array.isArray(window.Parley.q) ? window.Parley.q : [];
var currentScript = document.currentScript;

// ---------------------------------------------------------------------------------------------------- utilities

function randomId() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    return window.crypto.randomUUID();
  }
  // randomUUID needs a secure context; getRandomValues does not.
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join('');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-'
    + hex.slice(20);
}

function sleep(ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

function jitter(ms) {
  return Math.round(ms * (0.75 + Math.random() * 0.5));
}

function text(value, max) {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, max || 512) : undefined;
}

function element(tag, className, attributes) {
  var node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
  return node;
}

// localStorage, namespaced by the publishable key, or memory when the browser refuses storage (private modes).
function Store(key) {
  this.name = 'parley.widget.' + key;
  this.memory = {};
}

Store.prototype.load = function () {
  try {
    var raw = window.localStorage.getItem(this.name);
    return raw ? JSON.parse(raw) : {};
  } catch (e) {
    return Object.assign({}, this.memory);
  }
};

Store.prototype.save = function (state) {
  this.memory = Object.assign({}, state);
  try {
    window.localStorage.setItem(this.name, JSON.stringify(state));
  } catch (e) {
    // memory only
  }
};

// ------------------------------------------------------------------------------------- server-sent events (fetch)

// Reads an SSE body (text/event-stream) and calls onEvent({type, data, id}) per event. EventSource cannot send an
// Authorization header, so streams are read with fetch and a ReadableStream reader.
async function readEvents(response, onEvent) {
  var reader = response.body.getReader();
  var decoder = new TextDecoder();
  var buffer = '';
  var type = '';
  var data = [];
  var id = null;

  function line(value) {
    if (value === '') {
      if (data.length > 0) {
        onEvent({ type: type || 'message', data: data.join('\n'), id: id });
      }
      type = '';
      data = [];
      return;
    }
    if (value.charAt(0) === ':') {
      return; // comment: a heartbeat
    }
    var colon = value.indexOf(':');
    var field = colon < 0 ? value : value.slice(0, colon);
    var content = colon < 0 ? '' : value.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      type = content;
    } else if (field === 'data') {
      data.push(content);
    } else if (field === 'id' && content.indexOf('\u0000') < 0) {
      id = content;
    }
  }

  for (;;) {
    var chunk = await reader.read();
    if (chunk.done) {
      buffer += decoder.decode();
      if (buffer) {
        line(buffer);
      }
      line('');
      return;
    }
    buffer += decoder.decode(chunk.value, { stream: true });
    var end;
    while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
      if (buffer.charAt(end) === '\r' && end === buffer.length - 1) {
        break; // a CR at the end of a chunk may be the first half of CRLF
      }
      var width = buffer.charAt(end) === '\r' && buffer.charAt(end + 1) === '\n' ? 2 : 1;
      var current = buffer.slice(0, end);
      buffer = buffer.slice(end + width);
      line(current);
    }
  }
}

function json(data) {
  try {
    return JSON.parse(data);
  } catch (e) {
    return null;
  }
}

function isEventStream(response) {
  return (response.headers.get('Content-Type') || '').indexOf('text/event-stream') === 0;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return {};
  }
}

// A server message in any of the shapes the client API uses: {id, author|role, text|content, createdAt}.
function normalise(message) {
  if (!message || typeof message !== 'object') {
    return null;
  }
  var author = message.author || message.role || 'bot';
  if (author === 'user' || author === 'visitor') {
    author = 'contact';
  } else if (author === 'assistant') {
    author = 'bot';
  }
  var body = typeof message.text === 'string' ? message.text : message.content;
  return {
    id: message.id == null ? null : String(message.id),
    author: author,
    text: typeof body === 'string' ? body : '',
    createdAt: message.createdAt || null,
  };
}

function listOf(body) {
  if (Array.isArray(body)) {
    return body;
  }
  if (body && typeof body === 'object') {
    return body.messages || body.items || body.data || [];
  }
  return [];
}

// ----------------------------------------------------------------------------------------------------- the look

var CSS = [
  ':host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;',
  '  font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2129;',
  '  --parley-color: #2f6fed; --parley-on-color: #ffffff; }',
  '*, *::before, *::after { box-sizing: border-box; }',
  '[hidden] { display: none !important; }',
  'button { font: inherit; cursor: pointer; }',
  ':focus-visible { outline: 3px solid #1d2129; outline-offset: 2px; }',
  '.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; background: var(--parley-color);',
  '  color: var(--parley-on-color); box-shadow: 0 4px 14px rgba(0,0,0,.25); display: grid; place-items: center;',
  '  position: relative; margin-left: auto; }',
  '.launcher svg { width: 28px; height: 28px; fill: currentColor; }',
  '.badge { position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px;',
  '  border-radius: 10px; background: #b3261e; color: #fff; font-size: 12px; line-height: 20px; }',
  '.panel { position: absolute; right: 0; bottom: 72px; width: 370px; max-width: calc(100vw - 40px);',
  '  height: 560px; max-height: calc(100vh - 110px); background: #fff; border-radius: 14px;',
  '  box-shadow: 0 8px 32px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; }',
  '.head { display: flex; align-items: center; gap: 10px; padding: 12px 14px; background: var(--parley-color);',
  '  color: var(--parley-on-color); }',
  '.avatar { width: 32px; height: 32px; border-radius: 50%; object-fit: cover; background: rgba(255,255,255,.3); }',
  '.title { margin: 0 auto 0 0; font-size: 16px; font-weight: 600; }',
  '.close { border: 0; background: transparent; color: inherit; font-size: 22px; line-height: 1; padding: 2px 8px;',
  '  border-radius: 6px; }',
  '.messages { list-style: none; margin: 0; padding: 12px; flex: 1; overflow-y: auto; display: flex;',
  '  flex-direction: column; gap: 8px; background: #f6f7f9; }',
  '.message { max-width: 85%; padding: 8px 11px; border-radius: 12px; overflow-wrap: anywhere; }',
  '.message.contact { align-self: flex-end; background: var(--parley-color); color: var(--parley-on-color);',
  '  white-space: pre-wrap; }',
  '.message.bot, .message.agent, .message.welcome { align-self: flex-start; background: #fff;',
  '  border: 1px solid #e3e6ea; }',
  '.message .who { display: block; font-size: 12px; color: #5b6470; margin-bottom: 2px; }',
  '.message .state { display: block; font-size: 12px; opacity: .85; margin-top: 2px; }',
  '.message.failed { outline: 2px solid #b3261e; }',
  '.body p, .body ul, .body ol, .body pre { margin: 0 0 6px; }',
  '.body > :last-child { margin-bottom: 0; }',
  '.body ul, .body ol { padding-left: 20px; }',
  '.body a { color: inherit; }',
  '.body code { font-family: ui-monospace, monospace; font-size: .9em; background: rgba(0,0,0,.06);',
  '  padding: 0 .2em; border-radius: 3px; }',
  '.body pre { white-space: pre-wrap; background: rgba(0,0,0,.06); padding: 6px; border-radius: 6px; }',
  '.body pre code { background: none; padding: 0; }',
  '.typing { margin: 0; padding: 0 14px 6px; color: #5b6470; font-size: 13px; background: #f6f7f9; }',
  '.notice { display: flex; gap: 8px; align-items: center; padding: 8px 12px; background: #fdecea;',
  '  color: #8c1d18; font-size: 13px; }',
  '.notice span { flex: 1; }',
  '.notice button { border: 1px solid currentColor; background: #fff; color: inherit; border-radius: 6px;',
  '  padding: 3px 10px; }',
  '.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #e3e6ea; background: #fff; }',
  '.composer textarea { flex: 1; resize: none; font: inherit; padding: 8px 10px; border: 1px solid #c9ced6;',
  '  border-radius: 8px; min-height: 40px; max-height: 120px; field-sizing: content; }',
  '.send { border: 0; border-radius: 8px; padding: 0 14px; background: var(--parley-color);',
  '  color: var(--parley-on-color); }',
  '.send:disabled { opacity: .5; cursor: default; }',
  '.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0);',
  '  white-space: nowrap; border: 0; }',
  '@media (max-width: 480px) { :host { right: 12px; bottom: 12px; }',
  '  .panel { position: fixed; inset: 0; width: auto; height: auto; max-width: none; max-height: none;',
  '    border-radius: 0; }',
  '  .panel:not([hidden]) ~ .launcher { display: none; } }',
].join('\n');

var ICON_CHAT = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2'
  + ' 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
var ICON_CLOSE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M18.3 5.7 12 12l6.3 6.3-1.4'
  + ' 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z"/></svg>';

// Adopted style sheets are not inline styles, so a host page whose Content-Security-Policy forbids inline
// <style> still styles the widget; older browsers get a <style> element.
function applyStyles(root) {
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    var style = document.createElement('style');
    style.textContent = CSS;
    root.appendChild(style);
  }
}

function readableOn(color) {
  var r = parseInt(color.slice(1, 3), 16);
  var g = parseInt(color.slice(3, 5), 16);
  var b = parseInt(color.slice(5, 7), 16);
  return (0.299 * r + 0.587 * g + 0.114 * b) > 160 ? '#1d2129' : '#ffffff';
}

// ---------------------------------------------------------------------------------------------------- the widget

function Widget(options) {
  this.key = options.key;
  this.host = options.host.replace(/\/+$/, '');
  this.store = new Store(this.key);
  this.state = this.store.load();
  if (!this.state.deviceId) {
    this.state.deviceId = randomId();
    this.store.save(this.state);
  }
  this.user = {};
  this.settings = { title: 'Chat', welcomeMessage: '' };
  this.shown = new Map();       // server message id -> element
  this.outbox = [];             // the visitor's messages not yet accepted, in order
  this.sending = false;
  this.unread = 0;
  this.events = null;           // {controller, stopped}
  this.build();
  document.body.appendChild(this.hostElement);
  this.configure();
  if (this.state.conversationId) {
    this.loadHistory();
  }
  if (options.open) {
    this.open(false);
  }
}

Widget.prototype.build = function () {
  var self = this;
  var host = element('div', null, { id: 'parley-widget', 'data-parley-widget': VERSION });
  var root = host.attachShadow({ mode: 'open' });
  applyStyles(root);

  var panel = element('section', 'panel', { id: 'parley-panel', role: 'dialog', 'aria-labelledby': 'parley-title' });
  panel.hidden = true;
  var head = element('header', 'head');
  var avatar = element('img', 'avatar', { alt: '', width: '32', height: '32', referrerpolicy: 'no-referrer' });
  avatar.hidden = true;
  var title = element('h2', 'title', { id: 'parley-title' });
  var close = element('button', 'close', { type: 'button', 'aria-label': 'Close chat' });
  close.innerHTML = '&times;';
  head.append(avatar, title, close);

  var messages = element('ol', 'messages', { 'aria-label': 'Messages', tabindex: '0' });
  var typing = element('p', 'typing', { 'aria-hidden': 'true' });
  typing.textContent = 'Typing…';
  typing.hidden = true;
  var notice = element('div', 'notice', { role: 'alert' });
  notice.hidden = true;
  var noticeText = element('span');
  var retry = element('button', 'retry', { type: 'button' });
  retry.textContent = 'Retry';
  notice.append(noticeText, retry);

  var composer = element('form', 'composer');
  var input = element('textarea', 'input', {
    'aria-label': 'Message', rows: '1', maxlength: String(TEXT_LIMIT), placeholder: 'Write a message…',
    autocomplete: 'off',
  });
  var send = element('button', 'send', { type: 'submit' });
  send.textContent = 'Send';
  composer.append(input, send);
  var announcer = element('div', 'sr-only', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  panel.append(head, messages, typing, notice, composer, announcer);

  var launcher = element('button', 'launcher', {
    type: 'button', 'aria-label': 'Open chat', 'aria-expanded': 'false', 'aria-controls': 'parley-panel',
  });
  launcher.innerHTML = ICON_CHAT;
  var badge = element('span', 'badge', { 'aria-hidden': 'true' });
  badge.hidden = true;
  launcher.appendChild(badge);
  root.append(panel, launcher);

  this.hostElement = host;
  this.root = root;
  this.ui = {
    panel: panel, avatar: avatar, title: title, close: close, messages: messages, typing: typing, notice: notice,
    noticeText: noticeText, retry: retry, composer: composer, input: input, send: send, announcer: announcer,
    launcher: launcher, badge: badge,
  };
  this.renderTitle();

  launcher.addEventListener('click', function () {
    if (panel.hidden) {
      self.open(true);
    } else {
      self.close(true);
    }
  });
  close.addEventListener('click', function () { self.close(true); });
  composer.addEventListener('submit', function (event) {
    event.preventDefault();
    self.submit();
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      self.submit();
    }
  });
  retry.addEventListener('click', function () { self.retryNow(); });
  root.addEventListener('keydown', function (event) { self.onKey(event); });
  this.onOnline = function () { self.retryNow(); };
  window.addEventListener('online', this.onOnline);
};

Widget.prototype.onKey = function (event) {
  if (event.key === 'Escape' && !this.ui.panel.hidden) {
    event.preventDefault();
    event.stopPropagation();
    this.close(true);
    return;
  }
  if (event.key !== 'Tab' || this.ui.panel.hidden || !this.ui.panel.contains(this.root.activeElement)) {
    return;
  }
  // Keep Tab inside the open panel; Esc (or the close button) leaves it and returns to the launcher.
  var focusable = Array.prototype.filter.call(
    this.ui.panel.querySelectorAll('button, textarea, a[href], [tabindex="0"]'),
    function (node) { return !node.disabled && !node.hidden && node.offsetParent !== null; });
  if (focusable.length === 0) {
    return;
  }
  var first = focusable[0];
  var last = focusable[focusable.length - 1];
  var active = this.root.activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
};

Widget.prototype.open = function (moveFocus) {
  this.ui.panel.hidden = false;
  this.ui.launcher.setAttribute('aria-expanded', 'true');
  this.ui.launcher.setAttribute('aria-label', 'Close chat');
  this.ui.launcher.innerHTML = ICON_CLOSE;
  this.unread = 0;
  this.renderBadge();
  this.scrollToEnd();
  if (moveFocus !== false) {
    this.ui.input.focus();
  }
};

Widget.prototype.close = function (returnFocus) {
  this.ui.panel.hidden = true;
  this.ui.launcher.setAttribute('aria-expanded', 'false');
  this.ui.launcher.innerHTML = ICON_CHAT;
  this.ui.launcher.appendChild(this.ui.badge);
  this.renderBadge();
  if (returnFocus !== false) {
    this.ui.launcher.focus();
  }
};

Widget.prototype.renderBadge = function () {
  var closed = this.ui.panel.hidden;
  this.ui.badge.hidden = !closed || this.unread === 0;
  this.ui.badge.textContent = String(this.unread);
  this.ui.launcher.setAttribute('aria-label', closed
    ? (this.unread > 0 ? 'Open chat (' + this.unread + ' new)' : 'Open chat') : 'Close chat');
};

Widget.prototype.renderTitle = function () {
  this.ui.title.textContent = this.settings.title || 'Chat';
  this.ui.panel.setAttribute('aria-label', this.settings.title || 'Chat');
};

// ----------------------------------------------------------------------------------------- settings and history

Widget.prototype.url = function (path) {
  return this.host + '/client/v1' + path;
};

Widget.prototype.headers = function (extra) {
  var headers = { 'Authorization': 'Bearer ' + this.key };
  if (this.state.conversationToken) {
    headers['X-Conversation-Token'] = this.state.conversationToken;
  }
  return Object.assign(headers, extra || {});
};

Widget.prototype.request = function (path, init) {
  return fetch(this.url(path), Object.assign({ mode: 'cors', credentials: 'omit', cache: 'no-store' }, init));
};

Widget.prototype.configure = async function () {
  var response;
  try {
    response = await this.request('/widget?key=' + encodeURIComponent(this.key), { method: 'GET' });
  } catch (e) {
    this.renderWelcome();
    return; // the defaults stay; sending shows what is wrong
  }
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    var problem = await problemOf(response);
    this.hostElement.remove();
    console.warn('Parley widget: not shown (' + (problem.code || response.status) + ')');
    return;
  }
  var body = response.ok ? await problemOf(response) : {};
  this.settings = {
    title: text(body.title, 80) || 'Chat',
    welcomeMessage: text(body.welcomeMessage, 2000) || '',
    color: /^#[0-9a-fA-F]{6}$/.test(body.color || '') ? body.color : null,
    avatarUrl: /^https:\/\//i.test(body.avatarUrl || '') ? body.avatarUrl : null,
  };
  if (this.settings.color) {
    // CSSOM, not a style attribute: allowed under any Content-Security-Policy.
    this.hostElement.style.setProperty('--parley-color', this.settings.color);
    this.hostElement.style.setProperty('--parley-on-color', readableOn(this.settings.color));
  }
  if (this.settings.avatarUrl) {
    this.ui.avatar.src = this.settings.avatarUrl;
    this.ui.avatar.hidden = false;
  }
  this.renderTitle();
  this.renderWelcome();
};

Widget.prototype.renderWelcome = function () {
  var old = this.ui.messages.querySelector('.welcome');
  if (old) {
    old.remove();
  }
  if (!this.settings.welcomeMessage) {
    return;
  }
  var item = element('li', 'message welcome');
  var body = element('div', 'body');
  body.innerHTML = ParleyMarkdown.toHtml(this.settings.welcomeMessage);
  item.appendChild(body);
  this.ui.messages.insertBefore(item, this.ui.messages.firstChild);
};

Widget.prototype.loadHistory = async function () {
  var conversationId = this.state.conversationId;
  var response;
  try {
    response = await this.request('/conversations/' + encodeURIComponent(conversationId) + '/messages',
      { method: 'GET', headers: this.headers({ 'Accept': 'application/json' }) });
  } catch (e) {
    this.startEvents(); // the event stream retries with backoff and fills the gap
    return;
  }
  if (conversationId !== this.state.conversationId) {
    return;
  }
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    // The conversation (or its token) is gone: start over as the same visitor.
    this.forgetConversation();
    return;
  }
  if (response.ok) {
    var self = this;
    listOf(await problemOf(response)).map(normalise).forEach(function (message) {
      if (message) {
        self.show(message, { quiet: true });
      }
    });
    this.scrollToEnd();
  }
  this.startEvents();
};

Widget.prototype.forgetConversation = function () {
  this.stopEvents();
  delete this.state.conversationId;
  delete this.state.conversationToken;
  delete this.state.lastMessageId;
  this.store.save(this.state);
  this.typing(false);
  var self = this;
  this.shown.forEach(function (node) { node.remove(); });
  this.shown.clear();
  Array.prototype.forEach.call(this.ui.messages.querySelectorAll('.message:not(.welcome)'), function (node) {
    if (!self.outbox.some(function (item) { return item.element === node; })) {
      node.remove();
    }
  });
};

// What a reply or the first acceptance tells about the conversation.
Widget.prototype.adopt = function (info) {
  if (!info || !info.conversationId) {
    return;
  }
  var id = String(info.conversationId);
  var changed = id !== this.state.conversationId;
  if (changed && this.state.conversationId) {
    // Identify() moved the visitor into another contact's conversation: show that one instead.
    this.forgetConversation();
  }
  this.state.conversationId = id;
  if (info.conversationToken) {
    this.state.conversationToken = info.conversationToken;
  }
  this.store.save(this.state);
  this.startEvents();
};

// -------------------------------------------------------------------------------------------------- messages

Widget.prototype.bubble = function (author, content) {
  var item = element('li', 'message ' + author);
  if (author === 'agent') {
    var who = element('span', 'who');
    who.textContent = 'Agent';
    item.appendChild(who);
  }
  var body = element('div', 'body');
  if (author === 'contact') {
    body.textContent = content; // what the visitor typed is never interpreted
  } else {
    body.innerHTML = ParleyMarkdown.toHtml(content); // escaped first, then the Markdown subset
  }
  item.appendChild(body);
  return item;
};

// Shows a server message once, however many ways it arrives (reply stream, event stream, history).
Widget.prototype.show = function (message, options) {
  options = options || {};
  if (message.id && this.shown.has(message.id)) {
    return this.shown.get(message.id);
  }
  var node = message.author === 'contact' ? this.claimLocal(message.text) : null;
  if (!node) {
    node = this.bubble(message.author, message.text);
    if (options.replaceNode && options.replaceNode.isConnected) {
      options.replaceNode.replaceWith(node);
    } else {
      this.ui.messages.appendChild(node);
    }
  }
  if (message.id) {
    node.setAttribute('data-id', message.id);
    this.shown.set(message.id, node);
    this.state.lastMessageId = message.id;
    this.store.save(this.state);
  }
  if (message.author !== 'contact' && !options.quiet) {
    this.typing(false);
    this.announce(message.author, node);
    if (this.ui.panel.hidden) {
      this.unread++;
      this.renderBadge();
    }
  }
  this.scrollToEnd();
  return node;
};

// The visitor's own message coming back from the server: the bubble shown when it was typed is that message.
Widget.prototype.claimLocal = function (content) {
  var nodes = this.ui.messages.querySelectorAll('.message.contact:not([data-id])');
  for (var i = 0; i < nodes.length; i++) {
    if (nodes[i].querySelector('.body').textContent === content) {
      return nodes[i];
    }
  }
  return null;
};

Widget.prototype.announce = function (author, node) {
  var who = author === 'agent' ? 'Agent' : this.settings.title || 'Chat';
  var body = node.querySelector('.body');
  var words = (body ? body.textContent : '').slice(0, 300);
  var announcer = this.ui.announcer;
  announcer.textContent = '';
  setTimeout(function () { announcer.textContent = who + ': ' + words; }, 50);
};

Widget.prototype.typing = function (on) {
  this.ui.typing.hidden = !on;
  if (on) {
    this.scrollToEnd();
  }
};

Widget.prototype.scrollToEnd = function () {
  var list = this.ui.messages;
  list.scrollTop = list.scrollHeight;
};

Widget.prototype.notify = function (message, canRetry) {
  this.ui.noticeText.textContent = message;
  this.ui.retry.hidden = !canRetry;
  this.ui.notice.hidden = false;
};

Widget.prototype.clearNotice = function () {
  this.ui.notice.hidden = true;
  this.ui.noticeText.textContent = '';
};

// ---------------------------------------------------------------------------------------------------- sending

Widget.prototype.submit = function () {
  var content = this.ui.input.value.trim();
  if (!content) {
    return;
  }
  if (content.length > TEXT_LIMIT) {
    this.notify('That message is too long (at most ' + TEXT_LIMIT + ' characters).', false);
    return;
  }
  this.ui.input.value = '';
  var node = this.bubble('contact', content);
  var state = element('small', 'state');
  state.textContent = 'Sending…';
  node.appendChild(state);
  this.ui.messages.appendChild(node);
  this.scrollToEnd();
  // One requestId per message, kept for every retry: the server answers a repeat with the first result.
  this.outbox.push({ requestId: 'w-' + randomId(), text: content, element: node, attempts: 0 });
  this.pump();
};

Widget.prototype.retryNow = function () {
  var head = this.outbox[0];
  if (head && head.failed) {
    head.failed = false;
    head.attempts = 0;
    this.clearNotice();
    this.pump();
  }
};

Widget.prototype.pump = async function () {
  if (this.sending) {
    return;
  }
  this.sending = true;
  try {
    while (this.outbox.length > 0 && !this.outbox[0].failed) {
      var item = this.outbox[0];
      var outcome = await this.post(item);
      if (outcome === 'sent') {
        this.outbox.shift();
      } else if (outcome === 'failed') {
        item.failed = true;
      }
      // 'again': post the same item (same requestId) once more
    }
  } finally {
    this.sending = false;
  }
};

Widget.prototype.markState = function (item, label, failed) {
  var state = item.element.querySelector('.state');
  if (state) {
    state.textContent = label;
    state.hidden = !label;
  }
  item.element.classList.toggle('failed', Boolean(failed));
};

Widget.prototype.post = async function (item) {
  var body = {
    requestId: item.requestId,
    text: item.text,
    user: Object.assign({ deviceId: this.state.deviceId }, this.user),
  };
  item.attempts++;
  var response;
  try {
    response = await this.request('/messages', {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json', 'Accept': 'text/event-stream' }),
      body: JSON.stringify(body),
    });
  } catch (e) {
    return this.retryLater(item, 'No connection. Trying again…', 'Your message was not sent: no connection.', null);
  }
  if (response.ok && isEventStream(response)) {
    return this.readTurn(item, response);
  }
  if (response.status === 200 || response.status === 202) {
    this.delivered(item, await problemOf(response));
    return 'sent';
  }
  var problem = await problemOf(response);
  var code = problem.code || '';
  if (response.status === 409 && code === 'duplicate_request') {
    this.delivered(item, problem.original || {}); // an earlier attempt got through: its answer is the answer
    return 'sent';
  }
  if (response.status === 409 && code === 'request_in_progress') {
    // The first attempt is still being answered: ask again later with the same requestId for its result.
    this.markState(item, '');
    this.typing(true);
    item.attempts--;
    item.polls = (item.polls || 0) + 1;
    if (item.polls > 30 && this.state.conversationId) {
      return 'sent'; // the server has it; the reply comes through the event stream
    }
    await sleep(Math.min(Math.max(Number(problem.retryAfterMs) || 1000, 250), 10000));
    return 'again';
  }
  if (response.status === 429 || response.status >= 500) {
    var after = Number(response.headers.get('Retry-After')) * 1000 || Number(problem.retryAfterMs) || null;
    return this.retryLater(item, response.status === 429 ? 'Too many messages. Trying again shortly…'
      : 'The chat is having trouble. Trying again…', response.status === 429
      ? 'Too many messages right now: your message was not sent.'
      : 'The chat is having trouble: your message was not sent.', after);
  }
  this.markState(item, 'Not sent', true);
  this.notify(this.explain(response.status, code, problem), code !== 'request_id_reused'
    && response.status !== 400 && code !== 'invalid_key' && code !== 'origin_not_allowed');
  return 'failed';
};

Widget.prototype.explain = function (status, code) {
  if (code === 'chatbot_paused') {
    return 'This chat is paused at the moment. Your message was not sent; please try again later.';
  }
  if (code === 'identity_required') {
    return 'Please sign in to chat.';
  }
  if (code === 'invalid_user_hash') {
    return 'We could not confirm who you are. Please sign in again.';
  }
  if (code === 'invalid_key' || code === 'origin_not_allowed' || status === 401 || status === 403) {
    return 'This chat is not available on this page.';
  }
  if (status === 400) {
    return 'That message could not be sent.';
  }
  return 'Your message was not sent (' + (code || status) + ').';
};

// Waits and posts again (same requestId), up to RETRY_LIMIT attempts; then the visitor decides.
Widget.prototype.retryLater = async function (item, waiting, failed, afterMs) {
  if (item.attempts >= RETRY_LIMIT) {
    this.markState(item, 'Not sent', true);
    this.notify(failed, true);
    return 'failed';
  }
  this.markState(item, 'Sending…');
  this.notify(waiting, false);
  await sleep(Math.min(afterMs || jitter(1000 * Math.pow(2, item.attempts - 1)), 60000));
  this.clearNotice();
  return 'again';
};

Widget.prototype.delivered = function (item, answer) {
  this.clearNotice();
  this.markState(item, '');
  this.adopt(answer);
  var self = this;
  (answer.replies || []).forEach(function (reply) {
    self.show(normalise(Object.assign({ author: 'bot' }, reply)));
  });
  if (!answer.replies || answer.replies.length === 0) {
    this.typing(true); // 202: the turn goes on; its reply arrives through the event stream
  }
};

// The turn as it happens: accepted, then delta tokens (where the model streams), each message, done.
Widget.prototype.readTurn = async function (item, response) {
  var self = this;
  var accepted = false;
  var finished = false;
  var streaming = null;
  var streamed = '';
  try {
    await readEvents(response, function (event) {
      var data = json(event.data) || {};
      if (event.type === 'accepted') {
        accepted = true;
        self.clearNotice();
        self.markState(item, '');
        self.adopt(data);
        self.typing(true);
      } else if (event.type === 'delta') {
        streamed += typeof data.text === 'string' ? data.text : '';
        if (!streaming) {
          streaming = self.bubble('bot', '');
          streaming.classList.add('streaming');
          self.ui.messages.appendChild(streaming);
          self.typing(false);
        }
        streaming.querySelector('.body').innerHTML = ParleyMarkdown.toHtml(streamed);
        self.scrollToEnd();
      } else if (event.type === 'message') {
        var message = normalise(Object.assign({ author: 'bot' }, data));
        if (message.id && self.shown.has(message.id)) {
          if (streaming) {
            streaming.remove();
          }
        } else {
          self.show(message, { replaceNode: streaming });
        }
        streaming = null;
        streamed = '';
      } else if (event.type === 'done') {
        // "processing": the turn outlived the wait; its reply arrives through the event stream.
        finished = data.status !== 'processing';
        self.typing(!finished);
      } else if (event.type === 'error') {
        finished = true;
        self.typing(false);
        self.notify(self.explain(0, data.code || 'error', data), false);
      }
    });
  } catch (e) {
    // the connection broke mid-turn
  }
  if (streaming) {
    streaming.remove(); // a half reply: the whole one comes from the event stream
  }
  if (accepted) {
    if (!finished) {
      self.typing(true); // the server has the message; the reply comes through the event stream
    }
    return 'sent';
  }
  // Cut before the server said it had it: ask again with the same requestId (a duplicate is answered, not redone).
  return this.retryLater(item, 'Connection lost. Trying again…', 'Your message may not have been sent.', null);
};

// ------------------------------------------------------------------------------------------------ live updates

Widget.prototype.startEvents = function () {
  if (this.events || !this.state.conversationId || !this.state.conversationToken) {
    return;
  }
  var events = { stopped: false, controller: null };
  this.events = events;
  this.eventLoop(events);
};

Widget.prototype.stopEvents = function () {
  if (this.events) {
    this.events.stopped = true;
    if (this.events.controller) {
      this.events.controller.abort();
    }
    this.events = null;
  }
};

// Follows the conversation (a human agent's replies, the bot's, the visitor's other tabs) and reconnects with
// Last-Event-ID and exponential backoff when the stream ends or breaks.
Widget.prototype.eventLoop = async function (events) {
  var self = this;
  var backoff = 1000;
  var conversationId = this.state.conversationId;
  while (!events.stopped) {
    events.controller = new AbortController();
    try {
      if (!this.state.lastMessageId) {
        // Without Last-Event-ID the stream starts after the newest message: read what is there first, so a reply
        // written before the stream opened (the reply stream broke) is not skipped.
        await this.catchUp(conversationId);
      }
      var headers = this.headers({ 'Accept': 'text/event-stream' });
      if (this.state.lastMessageId) {
        headers['Last-Event-ID'] = this.state.lastMessageId;
      }
      var response = await this.request('/conversations/' + encodeURIComponent(conversationId) + '/events',
        { method: 'GET', headers: headers, signal: events.controller.signal });
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        if (!events.stopped) {
          this.events = null;
          this.forgetConversation();
        }
        return;
      }
      if (response.ok && isEventStream(response)) {
        backoff = 1000;
        await readEvents(response, function (event) {
          if (events.stopped || event.type !== 'message') {
            return;
          }
          var message = normalise(json(event.data));
          if (message) {
            message.id = message.id || event.id;
            self.show(message);
          }
        });
      }
    } catch (e) {
      if (events.stopped) {
        return;
      }
    }
    if (events.stopped) {
      return;
    }
    await sleep(jitter(backoff));
    backoff = Math.min(backoff * 2, EVENTS_MAX_BACKOFF_MS);
  }
};

Widget.prototype.catchUp = async function (conversationId) {
  var response = await this.request('/conversations/' + encodeURIComponent(conversationId) + '/messages',
    { method: 'GET', headers: this.headers({ 'Accept': 'application/json' }) });
  if (response.ok && conversationId === this.state.conversationId) {
    var self = this;
    listOf(await problemOf(response)).map(normalise).forEach(function (message) {
      if (message) {
        self.show(message);
      }
    });
  }
};

// ------------------------------------------------------------------------------------------- public interface

Widget.prototype.identify = function (user) {
  if (!user || typeof user !== 'object') {
    throw new TypeError('Parley.identify expects an object like {externalId, name, email, userHash}');
  }
  var externalId = user.externalId == null ? undefined : String(user.externalId).slice(0, 256);
  if (externalId && this.state.externalId && externalId !== this.state.externalId) {
    this.reset(); // another person signed in on this browser: never show them the last one's conversation
  }
  this.user = {};
  var self = this;
  [['externalId', externalId], ['name', text(user.name, 200)], ['email', text(user.email, 320)],
    ['phone', text(user.phone, 32)], ['userHash', text(user.userHash, 128)]].forEach(function (pair) {
    if (pair[1]) {
      self.user[pair[0]] = pair[1];
    }
  });
  if (externalId) {
    this.state.externalId = externalId;
    this.store.save(this.state);
  }
};

// Forgets the visitor (on sign-out): a new device id, no conversation.
Widget.prototype.reset = function () {
  this.forgetConversation();
  this.outbox.forEach(function (item) { item.element.remove(); });
  this.outbox = [];
  this.user = {};
  this.state = { deviceId: randomId() };
  this.store.save(this.state);
  this.clearNotice();
  this.typing(false);
};

Widget.prototype.shutdown = function () {
  this.stopEvents();
  window.removeEventListener('online', this.onOnline);
  this.outbox = [];
  this.hostElement.remove();
};

var widget = null;
var pendingUser = null;

function boot(options) {
  options = options || {};
  if (!options.key || typeof options.key !== 'string') {
    throw new TypeError('Parley.boot needs {key: "pk_..."}');
  }
  if (widget) {
    widget.shutdown();
  }
  var origin = options.host || (currentScript && currentScript.src ? new URL(currentScript.src).origin
    : window.location.origin);
  var start = function () {
    widget = new Widget({ key: options.key, host: origin, open: Boolean(options.open) });
    if (pendingUser) {
      widget.identify(pendingUser);
    }
  };
  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start, { once: true });
  }
}

var api = {
  version: VERSION,
  boot: boot,
  identify: function (user) {
    pendingUser = user;
    if (widget) {
      widget.identify(user);
    }
  },
  open: function () { if (widget) { widget.open(true); } },
  close: function () { if (widget) { widget.close(false); } },
  reset: function () {
    pendingUser = null;
    if (widget) {
      widget.reset();
    }
  },
  shutdown: function () {
    if (widget) {
      widget.shutdown();
      widget = null;
    }
  },
};
window.Parley = api;

if (currentScript && currentScript.getAttribute('data-parley-key')) {
  boot({
    key: currentScript.getAttribute('data-parley-key'),
    host: currentScript.getAttribute('data-parley-host') || undefined,
    open: currentScript.getAttribute('data-parley-open') === 'true',
  });
}
queued.forEach(function (call) {
  if (Array.isArray(call) && typeof api[call[0]] === 'function') {
    api[call[0]].apply(null, call.slice(1));
  }
});
