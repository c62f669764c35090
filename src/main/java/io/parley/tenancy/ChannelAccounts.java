package io.parley.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.NotFoundException;
import io.parley.tenancy.internal.ChannelAccountRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Channel accounts and their credentials. Lookups on the webhook path are cached briefly (30 s), which bounds how
 * long another node may take to see a new or changed account.
 */
@Service
public class ChannelAccounts {
    private final ChannelAccountRepository repository;
    private final Chatbots chatbots;
    private final Cache<String, Optional<ChannelAccount>> byPhoneNumberId = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();
    private final Cache<ChannelAccountId, WhatsAppCredentials> credentials = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    ChannelAccounts(ChannelAccountRepository repository, Chatbots chatbots) {
        this.repository = repository;
        this.chatbots = chatbots;
    }

    public ChannelAccount createWhatsApp(ChatbotId chatbotId, NewWhatsAppChannel request) {
        Chatbot chatbot = chatbots.get(chatbotId);
        String phoneNumberId = Validation.requireText("phoneNumberId", request.phoneNumberId(), 64);
        // ASCII only: Character.isDigit would also pass full-width or Arabic-Indic digits that Meta never sends.
        if (!phoneNumberId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Validation.invalid("phoneNumberId", "must be the numeric phone number id from Meta, not the phone number");
        }
        String accessToken = Validation.requireText("accessToken", request.accessToken(), 2_000);
        String appSecret = Validation.requireText("appSecret", request.appSecret(), 500);
        String verifyToken = Validation.requireText("verifyToken", request.verifyToken(), 500);
        String businessAccountId = request.businessAccountId() == null || request.businessAccountId().isBlank()
                ? null : request.businessAccountId().strip();
        if (businessAccountId != null && (businessAccountId.length() > 64
                || !businessAccountId.chars().allMatch(c -> c >= '0' && c <= '9'))) {
            throw Validation.invalid("businessAccountId", "must be the numeric WhatsApp Business Account id");
        }
        try {
            ChannelAccount account = repository.insertWhatsApp(new ChannelAccountId(UUID.randomUUID()), chatbot,
                    phoneNumberId, accessToken, appSecret, verifyToken, businessAccountId);
            byPhoneNumberId.invalidate(phoneNumberId);
            return account;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("channel_already_connected",
                    "WhatsApp phone number id " + phoneNumberId + " is already connected to a chatbot");
        }
    }

    /** The web chat account of a chatbot, created on first use. */
    public ChannelAccount webchat(ChatbotId chatbotId) {
        Chatbot chatbot = chatbots.get(chatbotId);
        return repository.ensureWebchat(new ChannelAccountId(UUID.randomUUID()), chatbot);
    }

    public Optional<ChannelAccount> findWhatsApp(String phoneNumberId) {
        return byPhoneNumberId.get(phoneNumberId, repository::findWhatsApp);
    }

    public ChannelAccount get(ChannelAccountId id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("channel_not_found",
                "No channel account with id '" + id + "'"));
    }

    public WhatsAppCredentials whatsAppCredentials(ChannelAccountId id) {
        return credentials.get(id, repository::whatsAppCredentials);
    }

    /** True if some WhatsApp channel account was created with this verify token. */
    public boolean isKnownVerifyToken(String verifyToken) {
        return verifyToken != null && !verifyToken.isEmpty() && repository.existsWithVerifyToken(verifyToken);
    }

    /** The WhatsApp Business Account id given when the channel was connected, if any. */
    public Optional<String> businessAccountId(ChannelAccountId id) {
        return repository.businessAccountId(id);
    }

    /** WhatsApp channel accounts connected with this WhatsApp Business Account id. */
    public List<ChannelAccount> findByBusinessAccountId(String businessAccountId) {
        return businessAccountId == null || businessAccountId.isBlank() ? List.of()
                : repository.findByBusinessAccountId(businessAccountId);
    }

    public List<ChannelAccount> list(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return repository.listByChatbot(chatbotId);
    }
}
