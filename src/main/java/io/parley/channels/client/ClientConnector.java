package io.parley.channels.client;

import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.egress.EgressPolicy;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.ChannelConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects, changes and shows a client channel. {@code api}: a secret key ({@code sk_}), an optional
 * {@code callbackUrl} (checked with the egress policy) and the secret that signs callbacks; {@code web} and
 * {@code app}: a publishable key ({@code pk_}), the identity secret that signs {@code userHash}, {@code acceptGuests}
 * (default true); {@code web} also {@code allowedOrigins} and {@code widget}. Secrets (the api key, the identity and
 * signing secrets) appear only in the response that created them; the publishable key is no secret (every page
 * carries it) and is also listed. PATCH {@code {"rotate": ["key", ...]}} replaces them.
 */
class ClientConnector implements ChannelConnector {
    private static final Set<String> API_FIELDS = Set.of("type", "name", "callbackUrl", "rotate");
    private static final Set<String> WEB_FIELDS =
            Set.of("type", "name", "allowedOrigins", "acceptGuests", "widget", "rotate");
    private static final Set<String> APP_FIELDS = Set.of("type", "name", "acceptGuests", "rotate");

    private final ChannelType type;
    private final ChannelAccounts accounts;
    private final ClientChannelStore store;
    private final EgressPolicy egress;
    private final TransactionTemplate transactions;

    ClientConnector(
            ChannelType type,
            ChannelAccounts accounts,
            ClientChannelStore store,
            EgressPolicy egress,
            TransactionTemplate transactions) {
        this.type = type;
        this.accounts = accounts;
        this.store = store;
        this.egress = egress;
        this.transactions = transactions;
    }

    @Override
    public ChannelType type() {
        return type;
    }

    @Override
    public Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request) {
        Map<String, Object> body = known(request);
        ClientChannelStore.Settings settings = settings(body, null);
        String name = Fields.optionalText(body, "name", 200);
        String key = ClientKeys.generate(isApi() ? "sk_" : "pk_");
        String identitySecret = isApi() ? null : ClientKeys.generate("is_");
        String signingSecret = isApi() ? ClientKeys.generate("whsec_") : null;
        ChannelAccount account = transactions.execute(status -> {
            ChannelAccount created = accounts.connect(chatbotId, type);
            store.insert(created, key, identitySecret, signingSecret, settings);
            store.rename(created.id(), name);
            return created;
        });
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", account.id().value());
        response.put("type", type.wireName());
        response.put("key", key);
        if (identitySecret != null) {
            response.put("identitySecret", identitySecret);
        }
        if (signingSecret != null) {
            response.put("signingSecret", signingSecret);
        }
        response.putAll(view(account));
        return response;
    }

    @Override
    public Map<String, Object> update(ChannelAccount account, Map<String, Object> request) {
        Map<String, Object> body = known(request);
        ClientChannel current = store.find(account.id())
                .orElseThrow(() -> new NotFoundException(
                        "channel_not_found", "No channel account with id '" + account.id() + "'"));
        ClientChannelStore.Settings settings = settings(body, current);
        List<String> rotate = Fields.rotations(body.get("rotate"));
        Set<String> allowed = isApi() ? Set.of("key", "signingSecret") : Set.of("key", "identitySecret");
        for (String item : rotate) {
            if (!allowed.contains(item)) {
                throw Fields.invalid(
                        "rotate",
                        "may name " + String.join(" and ", new java.util.TreeSet<>(allowed)) + " for a "
                                + type.wireName() + " channel, not \"" + item + "\"");
            }
        }
        String key = rotate.contains("key") ? ClientKeys.generate(isApi() ? "sk_" : "pk_") : null;
        String identitySecret = rotate.contains("identitySecret") ? ClientKeys.generate("is_") : null;
        String signingSecret = rotate.contains("signingSecret") ? ClientKeys.generate("whsec_") : null;
        transactions.executeWithoutResult(status -> {
            store.update(account.id(), key, identitySecret, signingSecret, settings);
            if (body.containsKey("name")) {
                store.rename(account.id(), Fields.optionalText(body, "name", 200));
            }
        });
        Map<String, Object> response = new LinkedHashMap<>(view(account));
        if (key != null) {
            response.put("key", key);
        }
        if (identitySecret != null) {
            response.put("identitySecret", identitySecret);
        }
        if (signingSecret != null) {
            response.put("signingSecret", signingSecret);
        }
        return response;
    }

    @Override
    public Map<String, Object> view(ChannelAccount account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", account.id().value());
        view.put("chatbotId", account.chatbotId().value());
        view.put("type", type.wireName());
        store.find(account.id()).ifPresent(channel -> {
            view.put("name", store.name(account.id()));
            view.put("keyHint", channel.keyHint());
            if (channel.publishableKey() != null) {
                view.put("key", channel.publishableKey().reveal());
            }
            if (isApi()) {
                view.put("callbackUrl", channel.callbackUrl());
            } else {
                view.put("acceptGuests", channel.acceptGuests());
            }
            if (ClientTypes.WEB.equals(type)) {
                view.put("allowedOrigins", channel.allowedOrigins());
                view.put("widget", channel.widget());
            }
        });
        view.put("createdAt", account.createdAt());
        return view;
    }

    private boolean isApi() {
        return ClientTypes.API.equals(type);
    }

    private Map<String, Object> known(Map<String, Object> request) {
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        Set<String> fields = isApi() ? API_FIELDS : ClientTypes.WEB.equals(type) ? WEB_FIELDS : APP_FIELDS;
        for (String field : request.keySet()) {
            if (!fields.contains(field)) {
                throw Fields.invalid(
                        field,
                        "is not a setting of a " + type.wireName() + " channel (known: "
                                + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        }
        return request;
    }

    /** The settings after this request: fields it names replace {@code current}'s (null: a new channel). */
    private ClientChannelStore.Settings settings(Map<String, Object> body, ClientChannel current) {
        String callbackUrl = current == null ? null : current.callbackUrl();
        if (body.containsKey("callbackUrl")) {
            callbackUrl = Fields.optionalText(body, "callbackUrl", 2000);
            if (callbackUrl != null) {
                egress.check("callbackUrl", callbackUrl);
            }
        }
        List<String> origins = current == null ? List.of() : current.allowedOrigins();
        if (body.containsKey("allowedOrigins")) {
            origins = Fields.origins(body.get("allowedOrigins"));
        }
        boolean acceptGuests = current == null || current.acceptGuests();
        Boolean guests = Fields.optionalBoolean(body, "acceptGuests");
        if (guests != null) {
            acceptGuests = guests;
        }
        Map<String, Object> widget = current == null ? Map.of() : current.widget();
        if (body.containsKey("widget")) {
            widget = Fields.widget(body.get("widget"));
        }
        return new ClientChannelStore.Settings(callbackUrl, origins, acceptGuests, widget);
    }
}
