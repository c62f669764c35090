// Sandbox chat: talks to a chatbot through Parley's web chat channel with the admin token.
(() => {
  const $ = (id) => document.getElementById(id);
  const store = window.localStorage;
  const state = { token: null, chatbotId: null, conversationId: null, timer: null, shown: '' };

  function takeTokenFromLink() {
    const match = window.location.hash.match(/token=([^&]+)/);
    if (match) {
      store.setItem('parley.token', decodeURIComponent(match[1]));
      history.replaceState(null, '', window.location.pathname);
    }
    return store.getItem('parley.token');
  }

  async function api(path, options = {}) {
    const response = await fetch('/api/v1' + path, {
      ...options,
      headers: { 'Authorization': 'Bearer ' + state.token, 'Content-Type': 'application/json', ...(options.headers || {}) },
    });
    if (response.status === 401) { signOut('That token was not accepted.'); throw new Error('unauthorized'); }
    const body = response.status === 204 ? null : await response.json();
    if (!response.ok) { throw new Error(body && body.detail ? body.detail : 'HTTP ' + response.status); }
    return body;
  }

  function sessionKey() { return 'parley.session.' + state.chatbotId; }
  function session() {
    let value = store.getItem(sessionKey());
    if (!value) { value = 'sandbox-' + crypto.randomUUID(); store.setItem(sessionKey(), value); }
    return value;
  }

  function signOut(message) {
    store.removeItem('parley.token');
    state.token = null;
    $('chat').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
  }

  async function loadChatbots() {
    const select = $('chatbot');
    select.innerHTML = '';
    setComposerEnabled(false);
    const organizations = await api('/organizations');
    const lists = await Promise.all(organizations.map((org) => api('/organizations/' + org.id + '/chatbots')));
    organizations.forEach((org, index) => {
      for (const bot of lists[index]) {
        const option = document.createElement('option');
        option.value = bot.id;
        option.textContent = bot.name + ' — ' + org.name;
        select.appendChild(option);
      }
    });
    if (!select.options.length) { $('status').textContent = 'No chatbot yet: create one with the admin API.'; return; }
    const remembered = store.getItem('parley.chatbot');
    if (remembered && [...select.options].some((o) => o.value === remembered)) { select.value = remembered; }
    selectChatbot(select.value);
  }

  function setComposerEnabled(enabled) {
    $('text').disabled = !enabled;
    $('send').disabled = !enabled;
  }

  function selectChatbot(id) {
    state.chatbotId = id;
    store.setItem('parley.chatbot', id);
    state.conversationId = store.getItem('parley.conversation.' + id);
    state.shown = '';
    $('messages').innerHTML = '';
    setComposerEnabled(Boolean(id));
    refresh();
  }

  function render(messages) {
    const signature = JSON.stringify(messages.map((m) => [m.id, m.delivery && m.delivery.status]));
    if (signature === state.shown) { return; }
    state.shown = signature;
    const list = $('messages');
    list.innerHTML = '';
    for (const message of messages) {
      const item = document.createElement('li');
      item.className = message.role;
      const text = document.createElement('div');
      text.className = 'text';
      // The bot's and agents' Markdown, escaped first (markdown.js); what the visitor typed stays plain text.
      if (message.role === 'user') { text.textContent = message.content; }
      else { text.innerHTML = window.ParleyMarkdown.toHtml(message.content); }
      item.appendChild(text);
      if (message.delivery) {
        const note = document.createElement('small');
        note.textContent = message.delivery.status;
        item.appendChild(note);
      }
      list.appendChild(item);
    }
    list.lastElementChild && list.lastElementChild.scrollIntoView({ block: 'end' });
    const last = messages[messages.length - 1];
    $('status').textContent = last && last.role === 'user' ? 'The bot is typing…' : '';
  }

  async function refresh() {
    if (!state.conversationId) { return; }
    try { render(await api('/conversations/' + state.conversationId + '/messages')); }
    catch (e) { $('status').textContent = e.message; }
  }

  async function send(event) {
    event.preventDefault();
    const input = $('text');
    const text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    try {
      const accepted = await api('/chatbots/' + state.chatbotId + '/webchat/messages', {
        method: 'POST', body: JSON.stringify({ sessionId: session(), clientMessageId: crypto.randomUUID(), text }),
      });
      if (accepted.conversationId) {
        state.conversationId = accepted.conversationId;
        store.setItem('parley.conversation.' + state.chatbotId, accepted.conversationId);
      }
      refresh();
    } catch (e) { $('status').textContent = e.message; input.value = text; }
  }

  async function start() {
    state.token = takeTokenFromLink();
    if (!state.token) { signOut(); return; }
    $('sign-in').hidden = true;
    $('chat').hidden = false;
    try { await loadChatbots(); } catch (e) { if (e.message !== 'unauthorized') { $('status').textContent = e.message; } }
    clearInterval(state.timer);
    state.timer = setInterval(refresh, 1000);
  }

  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    store.setItem('parley.token', $('token').value.trim());
    start();
  });
  $('composer').addEventListener('submit', send);
  $('chatbot').addEventListener('change', (event) => selectChatbot(event.target.value));
  $('sign-out').addEventListener('click', () => signOut());
  $('new-session').addEventListener('click', () => {
    store.removeItem(sessionKey());
    store.removeItem('parley.conversation.' + state.chatbotId);
    selectChatbot(state.chatbotId);
  });
  start();
})();
