package io.parley.tenancy;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.Secret;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.internal.ChannelAccountRepository;
import io.parley.tenancy.internal.ChannelAccountRepository.NumberProfile;
import io.parley.tenancy.internal.WhatsAppNumberDirectory;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Channel accounts and their credentials. A WhatsApp number is connected only after the provider confirmed that the
 * access token reaches it ({@link WhatsAppNumberVerifier}). Lookups on the webhook path are cached: phone number ids
 * in {@link WhatsAppNumberDirectory} (a minute, batched, new numbers seen by other nodes within seconds). Accounts by
 * id and their credentials, read for every send, are cached per node and forgotten on every node when the account
 * is changed (rotated credentials) or removed (ADR 50).
 */
@Service
public class ChannelAccounts {
    private final ChannelAccountRepository repository;
    private final Chatbots chatbots;
    private final WhatsAppNumberVerifier verifier;
    /** The channel whose numbers {@link #verifier} checks and whose credentials these methods keep. */
    private final ChannelType numberType;

    private final WhatsAppNumberDirectory numbers;
    private final SharedCache<ChannelAccountId, Optional<ChannelAccount>> accounts;
    private final SharedCache<ChannelAccountId, WhatsAppCredentials> credentials;

    ChannelAccounts(
            ChannelAccountRepository repository,
            Chatbots chatbots,
            WhatsAppNumberVerifier verifier,
            Clock clock,
            MeterRegistry meters,
            ChangeNotices notices) {
        this.accounts = notices.cache(ChannelAccountRepository.TOPIC);
        this.credentials = notices.cache(ChannelAccountRepository.TOPIC, "channel-credentials");
        this.repository = repository;
        this.chatbots = chatbots;
        this.verifier = verifier;
        this.numberType = verifier.type();
        this.numbers = new WhatsAppNumberDirectory(
                ids -> repository.findWhatsApp(numberType, ids),
                () -> repository.whatsAppFingerprint(numberType),
                clock,
                meters,
                "parley." + numberType.wireName());
    }

    public ChannelAccount createWhatsApp(ChatbotId chatbotId, NewWhatsAppChannel request) {
        Chatbot chatbot = chatbots.get(chatbotId);
        String phoneNumberId = Validation.requireText("phoneNumberId", request.phoneNumberId(), 64);
        // ASCII only: Character.isDigit would also pass full-width or Arabic-Indic digits that Meta never sends.
        if (!phoneNumberId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Validation.invalid(
                    "phoneNumberId", "must be the numeric phone number id from Meta, not the phone number");
        }
        String accessToken = Validation.requireToken("accessToken", request.accessToken(), 2_000);
        String appSecret = Validation.requireText("appSecret", request.appSecret(), 500);
        String verifyToken = Validation.requireText("verifyToken", request.verifyToken(), 500);
        String businessAccountId = request.businessAccountId() == null
                        || request.businessAccountId().isBlank()
                ? null
                : businessAccountId(request.businessAccountId());
        NumberProfile profile = verified(phoneNumberId, accessToken);
        try {
            ChannelAccount account = repository.insertWhatsApp(
                    numberType,
                    new ChannelAccountId(UUID.randomUUID()),
                    chatbot,
                    phoneNumberId,
                    accessToken,
                    appSecret,
                    verifyToken,
                    businessAccountId,
                    profile);
            numbers.connected(phoneNumberId);
            return account;
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "channel_already_connected",
                    "WhatsApp phone number id " + phoneNumberId + " is already connected to a chatbot");
        }
    }

    /**
     * Rotates a WhatsApp number's credentials: a new access token is verified with Meta like on connect before
     * anything is stored; the app secret and verify token are replaced. Every node uses the new ones at once (the
     * change is announced to their caches). Not one transaction: no connection is held while Graph answers, and the
     * change is a single statement.
     */
    public ChannelAccount updateWhatsApp(ChatbotId chatbotId, ChannelAccountId id, WhatsAppChannelChange change) {
        ChannelAccount account = getOfChatbot(chatbotId, id);
        if (!numberType.equals(account.type())) {
            throw new InvalidRequestException(
                    "unsupported_channel_type",
                    "A " + account.type().wireName() + " channel has no " + numberType + " credentials to change");
        }
        String accessToken = change.accessToken() == null
                ? null
                : Validation.requireToken("accessToken", change.accessToken(), 2_000);
        String appSecret =
                change.appSecret() == null ? null : Validation.requireText("appSecret", change.appSecret(), 500);
        String verifyToken =
                change.verifyToken() == null ? null : Validation.requireText("verifyToken", change.verifyToken(), 500);
        String businessAccountId =
                change.businessAccountId() == null || change.businessAccountId().isEmpty()
                        ? change.businessAccountId()
                        : businessAccountId(change.businessAccountId());
        NumberProfile profile = accessToken == null ? null : verified(account.externalId(), accessToken);
        if (profile != null && profile.displayPhoneNumber() == null && profile.verifiedName() == null) {
            profile = null; // verification switched off: keep what Meta showed when the number was connected
        }
        repository.updateWhatsApp(numberType, id, accessToken, appSecret, verifyToken, businessAccountId, profile);
        return get(id);
    }

    /** A channel account of this chatbot; another chatbot's (or tenant's) id is simply not found. */
    public ChannelAccount getOfChatbot(ChatbotId chatbotId, ChannelAccountId id) {
        return find(id).filter(account -> account.chatbotId().equals(chatbotId)).orElseThrow(() -> notFound(id));
    }

    /**
     * After the deleting transaction commits, this node stops trusting the removed accounts' numbers at once (their
     * webhooks count as unknown); other nodes within the minute their number directory keeps an answer. Accounts and
     * credentials are forgotten everywhere through the repository's notices.
     */
    void forgetAfterCommit(List<ChannelAccount> removed) {
        afterCommit(() -> removed.forEach(account -> {
            if (numberType.equals(account.type())) {
                numbers.removed(account.externalId());
            }
        }));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private static String businessAccountId(String value) {
        String id = value.strip();
        if (id.isEmpty() || id.length() > 64 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Validation.invalid("businessAccountId", "must be the numeric WhatsApp Business Account id");
        }
        return id;
    }

    /** Asks Meta before anything is stored; a number the token does not reach is a 400 naming Meta's error. */
    private NumberProfile verified(String phoneNumberId, String accessToken) {
        return switch (verifier.check(phoneNumberId, Secret.of(accessToken))) {
            case WhatsAppNumberCheck.Verified v -> new NumberProfile(v.displayPhoneNumber(), v.verifiedName());
            case WhatsAppNumberCheck.NotChecked ignored -> new NumberProfile(null, null);
            case WhatsAppNumberCheck.Failed failed -> throw ChannelVerificationFailure.of(failed);
        };
    }

    /**
     * Connects a channel that keeps its settings in its own package (the client channels): the account row, in the
     * caller's transaction. Its external id is its own id.
     */
    public ChannelAccount connect(ChatbotId chatbotId, ChannelType type) {
        Chatbot chatbot = chatbots.get(chatbotId);
        ChannelAccountId id = new ChannelAccountId(UUID.randomUUID());
        return repository.insert(id, chatbot, type, id.toString());
    }

    /**
     * The chatbot's account of a channel every chatbot has without connecting it (web chat), created on first use;
     * its external id is the chatbot id.
     */
    public ChannelAccount builtIn(ChatbotId chatbotId, ChannelType type) {
        Chatbot chatbot = chatbots.get(chatbotId);
        return repository.ensureBuiltIn(type, new ChannelAccountId(UUID.randomUUID()), chatbot);
    }

    public Optional<ChannelAccount> findWhatsApp(String phoneNumberId) {
        return Optional.ofNullable(numbers.find(List.of(phoneNumberId)).get(phoneNumberId));
    }

    /**
     * The connected accounts among these phone number ids, by id, looked up together: a webhook body may name
     * thousands of ids nobody connected, and must not cost a query each.
     */
    public Map<String, ChannelAccount> findWhatsApp(Collection<String> phoneNumberIds) {
        return numbers.find(phoneNumberIds);
    }

    public ChannelAccount get(ChannelAccountId id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    private Optional<ChannelAccount> find(ChannelAccountId id) {
        return accounts.get(id, repository::find);
    }

    private static NotFoundException notFound(ChannelAccountId id) {
        return new NotFoundException("channel_not_found", "No channel account with id '" + id + "'");
    }

    public WhatsAppCredentials whatsAppCredentials(ChannelAccountId id) {
        return credentials.get(id, key -> repository.whatsAppCredentials(numberType, key));
    }

    /** True if some WhatsApp channel account was created with this verify token. */
    public boolean isKnownVerifyToken(String verifyToken) {
        return verifyToken != null && !verifyToken.isEmpty() && repository.existsWithVerifyToken(verifyToken);
    }

    /** The WhatsApp Business Account id given when the channel was connected, if any. */
    public Optional<String> businessAccountId(ChannelAccountId id) {
        return repository.businessAccountId(numberType, id);
    }

    /** WhatsApp channel accounts connected with this WhatsApp Business Account id. */
    public List<ChannelAccount> findByBusinessAccountId(String businessAccountId) {
        return businessAccountId == null || businessAccountId.isBlank()
                ? List.of()
                : repository.findByBusinessAccountIds(numberType, List.of(businessAccountId));
    }

    /** WhatsApp channel accounts connected with any of these WABA ids, in one query. */
    public List<ChannelAccount> findByBusinessAccountIds(Collection<String> businessAccountIds) {
        List<String> ids = businessAccountIds.stream()
                .filter(id -> id != null && !id.isBlank())
                .distinct()
                .toList();
        return ids.isEmpty() ? List.of() : repository.findByBusinessAccountIds(numberType, ids);
    }

    public List<ChannelAccount> list(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return repository.listByChatbot(chatbotId);
    }
}
