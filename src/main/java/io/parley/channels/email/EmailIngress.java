package io.parley.channels.email;

import io.parley.contacts.ContactIdentity;
import io.parley.contacts.IdentityTrust;
import io.parley.conversation.Conversations;
import io.parley.conversation.InboundMessage;
import io.parley.conversation.Receipt;
import io.parley.media.InboundMedia;
import io.parley.media.MediaLibrary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores one received email, in one transaction: archived once per Message-ID with its original, then, unless only
 * archived (no usable sender, or a bounce outside any thread), a message in its conversation: the thread an
 * In-Reply-To/References id names among this organization's emails of the mailbox, else the sender's own. Only a
 * person's email within the per-sender limit asks for a reply; auto-replies, list mail, bounces and loops are stored
 * and never answered, and a bounce flags the address it reports.
 */
@Component
class EmailIngress {
    private static final Pattern USABLE_ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[a-z0-9-]+(\\.[a-z0-9-]+)+");

    private final MailArchive archive;
    private final Conversations conversations;
    private final MediaLibrary media;
    private final EmailProperties properties;
    private final Clock clock;

    EmailIngress(
            MailArchive archive,
            Conversations conversations,
            MediaLibrary media,
            EmailProperties properties,
            Clock clock) {
        this.archive = archive;
        this.conversations = conversations;
        this.media = media;
        this.properties = properties;
        this.clock = clock;
    }

    /** How one email was taken in. */
    enum Outcome {
        DUPLICATE,
        ARCHIVED,
        NOT_ANSWERED,
        CONVERSATION
    }

    @Transactional
    Outcome ingest(Mailbox mailbox, byte[] raw, InboundMail mail) {
        var account = mailbox.account();
        if (archive.contains(account.id(), mail.messageId())) {
            return Outcome.DUPLICATE;
        }
        Instant now = clock.instant();
        String from = usable(mail.from());
        String thread = archive.threadOf(account.organizationId(), account.id(), mail.parentIds())
                .orElse(mail.verdict() instanceof AutomaticMail.Bounce ? null : from);
        String kind = kind(mailbox, mail, from, now);
        UUID emailId = UUID.randomUUID();
        boolean added = archive.add(new MailArchive.Entry(
                emailId,
                account.organizationId(),
                account.id(),
                mail.messageId(),
                "in",
                kind,
                from,
                thread,
                mail.subject(),
                mail.inReplyTo(),
                mail.references(),
                raw,
                now));
        if (!added) {
            return Outcome.DUPLICATE;
        }
        if (mail.verdict() instanceof AutomaticMail.Bounce bounce && bounce.failedRecipient() != null) {
            archive.flagBounced(account.id(), bounce.failedRecipient(), bounce.status(), now);
        } else if (mail.verdict() instanceof AutomaticMail.Personal && from != null) {
            archive.clearBounced(account.id(), from);
        }
        if (thread == null) {
            return Outcome.ARCHIVED;
        }
        boolean answer = kind.equals("conversation");
        Receipt receipt = conversations.receive(new InboundMessage(
                account.organizationId(),
                account.chatbotId(),
                account.id(),
                EmailChannel.TYPE,
                mail.messageId(),
                List.of(new ContactIdentity(ContactIdentity.EMAIL, thread)),
                thread.equals(from) ? mail.fromName() : null,
                "text",
                modelText(mail),
                details(mail, emailId, kind, from),
                ReplyThreading.ids(mail.inReplyTo()).stream().findFirst().orElse(null),
                null,
                answer,
                false,
                IdentityTrust.CLAIMED));
        if (receipt.duplicate()) {
            return Outcome.DUPLICATE;
        }
        for (InboundMail.Attachment attachment : mail.attachments()) {
            InboundMedia item = new InboundMedia(
                    account.organizationId(),
                    account.id(),
                    EmailChannel.TYPE,
                    receipt.conversationId(),
                    receipt.messageId(),
                    mediaKind(attachment.mimeType()),
                    emailId + ":" + attachment.path(),
                    attachment.mimeType(),
                    null);
            if (receipt.throttled()) {
                media.registerSkipped(item, "throttled");
            } else {
                media.register(item);
            }
        }
        return answer ? Outcome.CONVERSATION : Outcome.NOT_ANSWERED;
    }

    private String kind(Mailbox mailbox, InboundMail mail, String from, Instant now) {
        return switch (mail.verdict()) {
            case AutomaticMail.Bounce b -> "bounce";
            case AutomaticMail.Automatic a -> "automatic";
            case AutomaticMail.Personal p -> {
                if (from == null) {
                    yield "unaddressable";
                }
                if (from.equalsIgnoreCase(mailbox.address())) {
                    yield "loop"; // our own address writing to itself
                }
                int recent = archive.inboundSince(mailbox.account().id(), from, now.minus(Duration.ofHours(1)));
                yield recent >= properties.repliesPerHour() ? "loop" : "conversation";
            }
        };
    }

    /** What the model reads: the new text of the email (quoted history and signature cut), else its subject. */
    private static String modelText(InboundMail mail) {
        String text = QuotedHistory.strip(mail.text()).replace("\u0000", "");
        if (text.isBlank()) {
            return mail.subject() == null ? "" : mail.subject();
        }
        return text;
    }

    private static Map<String, Object> details(InboundMail mail, UUID emailId, String kind, String from) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("emailId", emailId.toString());
        details.put("kind", kind);
        if (mail.subject() != null) {
            details.put("subject", mail.subject());
        }
        if (from != null) {
            details.put("from", from);
        }
        switch (mail.verdict()) {
            case AutomaticMail.Automatic a -> details.put("automatic", a.reason());
            case AutomaticMail.Bounce b -> {
                if (b.failedRecipient() != null) {
                    details.put("bouncedAddress", b.failedRecipient());
                }
            }
            case AutomaticMail.Personal p -> {}
        }
        if (!mail.attachments().isEmpty()) {
            details.put("attachments", mail.attachments().size());
        }
        return details;
    }

    private static String usable(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        return a.length() <= 128 && USABLE_ADDRESS.matcher(a).matches() ? a : null;
    }

    private static String mediaKind(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return "image";
        }
        if (type.startsWith("video/")) {
            return "video";
        }
        if (type.startsWith("audio/")) {
            return "audio";
        }
        return "document";
    }
}
