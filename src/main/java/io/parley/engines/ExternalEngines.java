package io.parley.engines;

import io.parley.engines.internal.ExternalEngineRepository;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.Secret;
import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotEngine;
import io.parley.tenancy.ChatbotEngines;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.ExternalEngineCatalog;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each chatbot's external engine endpoint ({@code /api/v1/chatbots/{botId}/external-engine}): the URL, checked by the
 * egress policy and required to be https unless the operator allowed its host (ADR 59), the timeout, and the signing
 * secret Parley generates and shows once. Answers tenancy's {@link ExternalEngineCatalog}: {@code engine: external}
 * needs an endpoint.
 */
@Service
public class ExternalEngines implements ExternalEngineCatalog {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_URL_LENGTH = 2000;

    private final ExternalEngineRepository repository;
    private final Chatbots chatbots;
    private final ChatbotEngines engines;
    private final EgressPolicy egress;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ExternalEngines(
            ExternalEngineRepository repository,
            Chatbots chatbots,
            ChatbotEngines engines,
            EgressPolicy egress,
            Clock clock) {
        this.repository = repository;
        this.chatbots = chatbots;
        this.engines = engines;
        this.egress = egress;
        this.clock = clock;
    }

    /**
     * Sets the chatbot's endpoint. A new secret is made when there was no endpoint, when {@code rotateSecret}, or when
     * the URL moves to another origin (signatures the old secret makes should not reach a new server); otherwise the
     * stored secret is kept and not shown.
     *
     * @param timeout null keeps the stored timeout (or the default of 10 s)
     */
    // No transaction: the URL check may look the host up, and the write is one statement.
    public EndpointChange configure(ChatbotId chatbotId, String url, Duration timeout, boolean rotateSecret) {
        Chatbot chatbot = chatbots.get(chatbotId);
        String checked = checkUrl(url);
        Optional<ExternalEndpoint> current = repository
                .find(chatbot.organizationId(), chatbotId)
                .map(ExternalEngineRepository.StoredEndpoint::endpoint);
        Duration wanted = checkTimeout(
                timeout != null
                        ? timeout
                        : current.map(ExternalEndpoint::timeout).orElse(DEFAULT_TIMEOUT));
        Secret secret = null;
        if (current.isEmpty() || rotateSecret || !sameOrigin(current.get().url(), checked)) {
            secret = newSecret();
            repository.save(chatbot.organizationId(), chatbotId, checked, wanted, secret, clock.instant());
        } else {
            repository.update(chatbot.organizationId(), chatbotId, checked, wanted, clock.instant());
        }
        return new EndpointChange(get(chatbotId), secret);
    }

    /** The chatbot's endpoint; 404 {@code external_engine_not_found} when it has none. */
    public ExternalEndpoint get(ChatbotId chatbotId) {
        Chatbot chatbot = chatbots.get(chatbotId);
        return repository
                .find(chatbot.organizationId(), chatbotId)
                .map(ExternalEngineRepository.StoredEndpoint::endpoint)
                .orElseThrow(() -> new NotFoundException(
                        "external_engine_not_found", "The chatbot has no external engine endpoint"));
    }

    /** Removes the endpoint; refused while the chatbot runs on the external engine (switch its engine first). */
    @Transactional
    public void delete(ChatbotId chatbotId) {
        Chatbot chatbot = chatbots.get(chatbotId);
        if (engines.get(chatbotId).kind() == ChatbotEngine.Kind.EXTERNAL) {
            throw new ConflictException(
                    "external_engine_in_use",
                    "The chatbot runs on the external engine; switch it to another engine"
                            + " (PATCH /api/v1/chatbots/{botId} {\"engine\": \"agent\"}) before removing the endpoint");
        }
        if (!repository.delete(chatbot.organizationId(), chatbotId)) {
            throw new NotFoundException("external_engine_not_found", "The chatbot has no external engine endpoint");
        }
    }

    @Override
    public boolean configured(ChatbotId chatbotId) {
        return chatbots.find(chatbotId)
                .map(chatbot -> repository.exists(chatbot.organizationId(), chatbotId))
                .orElse(false);
    }

    private String checkUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw invalid("url", "must be an https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri = egress.check("url", url).uri();
        if (uri.getRawFragment() != null) {
            throw invalid("url", "must not have a #fragment");
        }
        if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && !egress.operatorAllowed(uri)) {
            throw new EgressRefusedException(
                    "url",
                    "a turn endpoint needs https; plain http reaches only hosts the operator allowed for this port");
        }
        return uri.toString();
    }

    private static Duration checkTimeout(Duration timeout) {
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid("timeoutMs", "must be from " + MIN_TIMEOUT.toMillis() + " to " + MAX_TIMEOUT.toMillis());
        }
        return timeout;
    }

    private static boolean sameOrigin(String before, String after) {
        URI a = URI.create(before);
        URI b = URI.create(after);
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b)
                && Objects.equals(a.getRawUserInfo(), b.getRawUserInfo());
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private Secret newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Secret.of("pxe_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
