package io.parley.conversation;

import java.util.List;

/** One page of the inbox and where the next one starts (null on the last page). */
public record InboxPage(List<InboxItem> items, InboxCursor next) {
    public InboxPage {
        items = List.copyOf(items);
    }
}
