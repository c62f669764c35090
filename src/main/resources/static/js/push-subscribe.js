/*
 * Subscribes this browser to a Parley organization's staff notifications (docs/push.md). Include it on a page served
 * by Parley (the service worker /sw.js must be on the page's origin) and call, from a click:
 *
 *   ParleyPush.subscribe({orgId: '<organization id>', token: '<staff session token or API key>'})
 *     .then((subscription) => console.log('subscribed', subscription.id));
 *
 * An API key or the operator token also passes staffUserId. It registers /sw.js, asks for permission, subscribes
 * with the organization's VAPID key and POSTs the subscription. ParleyPush.unsubscribe(...) undoes it.
 */
(function () {
  'use strict';

  function b64urlToBytes(text) {
    const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - text.length % 4) % 4);
    const raw = atob(padded);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function api(options, method, path, body) {
    const base = (options.baseUrl || '') + '/api/v1/organizations/' + encodeURIComponent(options.orgId) + '/push';
    return fetch(base + path, {
      method: method,
      headers: {'Authorization': 'Bearer ' + options.token, 'Content-Type': 'application/json'},
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then((response) => {
      if (!response.ok && response.status !== 204) {
        return response.text().then((text) => { throw new Error('Parley answered ' + response.status + ': ' + text); });
      }
      return response.status === 204 ? null : response.json();
    });
  }

  function post(options, subscription) {
    const body = subscription.toJSON ? subscription.toJSON() : subscription;
    if (options.staffUserId) {
      body.staffUserId = options.staffUserId;
    }
    return api(options, 'POST', '/subscriptions', body);
  }

  function subscribe(options) {
    if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
      return Promise.reject(new Error('This browser cannot receive push notifications'));
    }
    return navigator.serviceWorker.register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => Notification.requestPermission().then((permission) => {
        if (permission !== 'granted') {
          throw new Error('Notifications are not allowed in this browser');
        }
        return api(options, 'GET', '/public-key').then((key) => registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: b64urlToBytes(key.publicKey)
        }));
      }))
      .then((subscription) => {
        navigator.serviceWorker.addEventListener('message', (event) => {
          if (event.data && event.data.type === 'parley-push-resubscribed') {
            post(options, event.data.subscription);
          }
        });
        return post(options, subscription);
      });
  }

  function unsubscribe(options, subscriptionId) {
    return navigator.serviceWorker.getRegistration('/sw.js')
      .then((registration) => registration ? registration.pushManager.getSubscription() : null)
      .then((subscription) => subscription ? subscription.unsubscribe() : false)
      .then(() => subscriptionId ? api(options, 'DELETE', '/subscriptions/' + encodeURIComponent(subscriptionId)) : null);
  }

  window.ParleyPush = {subscribe: subscribe, unsubscribe: unsubscribe};
})();
