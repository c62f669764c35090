package io.parley.notifications.push;

/**
 * What Parley's service worker ({@code /sw.js}) shows: the notification's title, body, icon, badge, the URL a click
 * opens, and a tag (the delivery's id, so a retried delivery replaces its own notification instead of adding one).
 */
record PushPayload(String title, String body, String icon, String badge, String url, String tag) {}
