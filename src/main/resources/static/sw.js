/*
 * Parley's service worker for staff notifications by Web Push (docs/push.md). Register it from a page on Parley's
 * own origin: navigator.serviceWorker.register('/sw.js'). A push message is the JSON
 * {"title", "body", "icon", "badge", "url", "tag"}; a click opens its url.
 */
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {body: event.data ? event.data.text() : ''};
  }
  event.waitUntil(self.registration.showNotification(data.title || 'Parley', {
    body: data.body || '',
    icon: data.icon || undefined,
    badge: data.badge || undefined,
    tag: data.tag || undefined,
    data: {url: data.url || '/'}
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(clients.openWindow(url));
});

// The browser replaced the subscription (it expired or was revoked): subscribe again with the same key and hand the
// new one to the page that registered this worker, which posts it (it holds the credentials; this worker does not).
self.addEventListener('pushsubscriptionchange', (event) => {
  const options = event.oldSubscription ? event.oldSubscription.options : null;
  if (!options || !options.applicationServerKey) {
    return;
  }
  event.waitUntil(self.registration.pushManager.subscribe(options).then((subscription) =>
    self.clients.matchAll({includeUncontrolled: true, type: 'window'}).then((windows) =>
      windows.forEach((w) => w.postMessage({type: 'parley-push-resubscribed', subscription: subscription.toJSON()})))));
});
