package io.parley.channels.email;

import io.parley.tenancy.ChannelAccount;

/**
 * A connected mailbox: its channel account, its address (the {@code From} of every reply and the domain of our
 * Message-IDs), both servers, where reading stopped and the settings version (a cached sender is rebuilt when it
 * changes).
 */
record Mailbox(
        ChannelAccount account,
        String address,
        MailServer smtp,
        MailServer imap,
        Long uidValidity,
        long lastUid,
        int version) {
    /** The part after '@': the right-hand side of the Message-IDs this mailbox writes. */
    String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
