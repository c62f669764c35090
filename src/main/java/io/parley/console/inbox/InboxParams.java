package io.parley.console.inbox;

/**
 * The inbox's query parameters as the browser sends them (the filter form, the "Load more" link, the live refresh),
 * bound by Spring from the request; {@link #query()} checks them.
 */
record InboxParams(
        String channel,
        String chatbot,
        String owner,
        String waiting,
        String mine,
        String unassigned,
        String failed,
        String q,
        String after) {

    InboxQuery query() {
        return InboxQuery.of(channel, chatbot, owner, waiting, mine, unassigned, failed, q, after);
    }
}
