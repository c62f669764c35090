// Sandbox: the chosen chatbot's web widget embedded in this page, as a website embeds it (widget.js). The admin
// token (from the link's #token= fragment, never sent to the server as part of a URL) is used only for /api/v1:
// listing chatbots and their channels, and connecting a web channel when the chatbot has none. ?bot= picks the
// chatbot: its id, or the start of its name (?bot=ink: the demo's flow chatbot, "Ink & Needle Studio").
(() => {
  const $ = (id) => document.getElementById(id);
  const store = window.localStorage;
  const FLOW_DEMO = 'Ink & Needle Studio';
  const state = { token: null, chatbotId: null, key: null, wanted: new URLSearchParams(window.location.search).get('bot') };

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

  function show(section) {
    for (const id of ['connect', 'embedded']) { $(id).hidden = id !== section; }
  }

  function unembed() {
    if (window.Parley) { window.Parley.shutdown(); }
    state.key = null;
  }

  function signOut(message) {
    store.removeItem('parley.token');
    state.token = null;
    unembed();
    $('chat').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
  }

  async function loadChatbots() {
    const select = $('chatbot');
    select.innerHTML = '';
    const organizations = await api('/organizations');
    const lists = await Promise.all(organizations.map((org) => api('/organizations/' + org.id + '/chatbots')));
    organizations.forEach((org, index) => {
      for (const bot of lists[index]) {
        const option = document.createElement('option');
        option.value = bot.id;
        option.dataset.name = bot.name;
        option.dataset.engine = bot.engine || 'agent';
        option.textContent = bot.name + ' — ' + org.name + (bot.engine === 'flow' ? ' (flow)' : '');
        select.appendChild(option);
      }
    });
    if (!select.options.length) { $('status').textContent = 'No chatbot yet: create one with the admin API.'; return; }
    const remembered = store.getItem('parley.chatbot');
    const wanted = find(state.wanted);
    state.wanted = null;
    if (wanted) {
      select.value = wanted.value;
    } else if (remembered && [...select.options].some((o) => o.value === remembered)) {
      select.value = remembered;
    }
    await selectChatbot(select.value);
  }

  // A chatbot by its id, or the first whose name starts with the given text (any case).
  function find(wanted) {
    if (!wanted) { return null; }
    const options = [...$('chatbot').options];
    const prefix = wanted.trim().toLowerCase();
    return options.find((o) => o.value === wanted)
      || (prefix ? options.find((o) => o.dataset.name.toLowerCase().startsWith(prefix)) : null) || null;
  }

  // Points to the demo's flow chatbot while another chatbot is shown.
  function offerFlowDemo() {
    const demo = [...$('chatbot').options].find((o) => o.dataset.name === FLOW_DEMO && o.dataset.engine === 'flow');
    $('try-flow').hidden = !demo || demo.value === state.chatbotId;
    if (demo) { $('try-flow-link').dataset.chatbot = demo.value; }
  }

  async function selectChatbot(id) {
    state.chatbotId = id;
    store.setItem('parley.chatbot', id);
    offerFlowDemo();
    unembed();
    show(null);
    $('status').textContent = 'Looking for the chatbot\'s web channel…';
    const channels = await api('/chatbots/' + id + '/channels');
    if (id !== state.chatbotId) { return; }
    const web = channels.find((channel) => channel.type === 'web');
    $('status').textContent = '';
    if (!web) { show('connect'); return; }
    // The publishable key is public (it is in every page that embeds the widget), so the channel list shows it.
    if (!web.key) { $('status').textContent = 'The web channel does not show its key.'; return; }
    embed(web, web.key);
  }

  function embed(channel, key, identitySecret) {
    state.key = key;
    state.channel = channel;
    const origin = window.location.origin;
    $('snippet').textContent = '<script src="' + origin + '/widget.js" data-parley-key="' + key + '" async></script>';
    const origins = Array.isArray(channel.allowedOrigins) ? channel.allowedOrigins : null;
    const refused = Boolean(origins) && !origins.includes(origin);
    $('origin-warning').hidden = !refused;
    $('allow-origin').hidden = !refused;
    $('origin-warning').textContent = 'This page (' + origin + ') is not in the channel\'s allowedOrigins, so the'
      + ' widget cannot send from here.';
    $('identity-secret').hidden = !identitySecret;
    $('identity-secret').textContent = identitySecret ? 'Identity secret (shown once; keep it on your server to'
      + ' compute userHash for signed-in users): ' + identitySecret : '';
    show('embedded');
    window.Parley.boot({ key, host: origin, open: true });
  }

  async function connectWeb() {
    $('connect-web').disabled = true;
    try {
      const created = await api('/chatbots/' + state.chatbotId + '/channels', {
        method: 'POST',
        body: JSON.stringify({ type: 'web', name: 'Website', allowedOrigins: [window.location.origin], acceptGuests: true }),
      });
      embed({ ...created, allowedOrigins: created.allowedOrigins || [window.location.origin] }, created.key,
        created.identitySecret);
    } catch (e) {
      if (e.message !== 'unauthorized') { $('status').textContent = e.message; }
    } finally {
      $('connect-web').disabled = false;
    }
  }

  // Adds this page's origin to the channel's allowedOrigins (PATCH keeps the other settings).
  async function allowOrigin() {
    const channel = state.channel;
    const origins = [...(channel.allowedOrigins || []), window.location.origin];
    try {
      const updated = await api('/chatbots/' + state.chatbotId + '/channels/' + channel.id, {
        method: 'PATCH', body: JSON.stringify({ allowedOrigins: origins }),
      });
      embed({ ...channel, ...updated }, state.key);
    } catch (e) {
      if (e.message !== 'unauthorized') { $('status').textContent = e.message; }
    }
  }

  async function start() {
    state.token = takeTokenFromLink();
    if (!state.token) { signOut(); return; }
    $('sign-in').hidden = true;
    $('chat').hidden = false;
    try { await loadChatbots(); } catch (e) { if (e.message !== 'unauthorized') { $('status').textContent = e.message; } }
  }

  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    store.setItem('parley.token', $('token').value.trim());
    start();
  });
  $('connect-web').addEventListener('click', connectWeb);
  $('allow-origin').addEventListener('click', allowOrigin);
  $('chatbot').addEventListener('change', (event) => {
    history.replaceState(null, '', window.location.pathname);
    selectChatbot(event.target.value).catch((e) => { $('status').textContent = e.message; });
  });
  // Switches in place; the link itself (/sandbox?bot=ink) also works opened on its own.
  $('try-flow-link').addEventListener('click', (event) => {
    const id = event.currentTarget.dataset.chatbot;
    if (!id) { return; }
    event.preventDefault();
    $('chatbot').value = id;
    selectChatbot(id).catch((e) => { $('status').textContent = e.message; });
  });
  $('sign-out').addEventListener('click', () => signOut());
  // A new visitor: the widget forgets its device id and conversation.
  $('new-session').addEventListener('click', () => { if (window.Parley) { window.Parley.reset(); } });
  start();
})();
