package io.parley.notifications;

/**
 * A notification rendered for one channel: each channel reads the parts it has (email: subject, text and html;
 * a chat: text, already escaped for its format; push: title, body, icon, badge and url). Parts a channel's template
 * does not have are null.
 */
public record RenderedNotification(
        String subject, String text, String html, String title, String body, String icon, String badge, String url) {

    /** A chat message's text only. */
    public static RenderedNotification text(String text) {
        return new RenderedNotification(null, text, null, null, null, null, null, null);
    }
}
