package io.parley.contacts;

/**
 * How far the identities of one message can be believed.
 *
 * <ul>
 *   <li>{@link #VERIFIED}: the channel proved them (WhatsApp's phone number, a server holding an {@code api} key, a
 *       valid {@code userHash}). They may resolve to and attach to any contact, and make it {@code verified}.</li>
 *   <li>{@link #CLAIMED}: a browser or device says so, unsigned. They are hints: they never resolve to, attach to
 *       or upgrade a {@code verified} contact.</li>
 * </ul>
 */
public enum IdentityTrust {
    VERIFIED,
    CLAIMED
}
