package io.parley.notifications.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.notifications.push.BrowserPush.b64;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.access.StaffUserId;
import io.parley.delivery.SendOutcome;
import io.parley.notifications.RenderedNotification;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.StaffDelivery;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

class WebPushIntegrationTest extends IntegrationTestSupport {
    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    @Qualifier("push")
    StaffChannel push;

    private String org;
    private String agentId;
    private Api agent;
    private final KeyPair browser = P256.generate();
    private final byte[] auth = b64("AAECAwQFBgcICQoLDA0ODw");

    @BeforeEach
    void staff() {
        org = Tenants.organization(api, "Push " + UUID.randomUUID());
        agentId = user("agent");
        agent = api.withToken(login(agentId));
    }

    @Test
    void should_send_an_encrypted_notification_with_vapid_when_the_member_has_a_subscription() throws Exception {
        String path = stub(201, "Location", "https://push.example/m/1");
        String subscription = subscribe(agent, path, null);
        String publicKey = agent.get(base() + "/public-key").text("publicKey");
        assertThat(b64(publicKey)).hasSize(65);
        assertThat(agent.get(base() + "/public-key").text("publicKey")).isEqualTo(publicKey);
        assertThat(push.addressesOf(organization(), member())).containsExactly(subscription);

        long before = time.now().getEpochSecond();
        SendOutcome outcome = push.send(delivery(subscription));
        long after = time.now().getEpochSecond();

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("https://push.example/m/1"));
        LoggedRequest request = only(path);
        assertThat(request.getHeader("TTL")).isEqualTo("86400");
        assertThat(request.getHeader("Urgency")).isEqualTo("normal");
        assertThat(request.getHeader("Content-Encoding")).isEqualTo("aes128gcm");
        String authorization = request.getHeader("Authorization");
        assertThat(authorization).startsWith("vapid t=").endsWith(", k=" + publicKey);
        String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(','));
        String[] parts = jwt.split("\\.");
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initVerify(P256.publicKey(b64(publicKey)).orElseThrow());
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(b64(parts[2]))).as("ES256 signature").isTrue();
        JsonNode header = Api.json().readTree(b64(parts[0]));
        assertThat(header.path("alg").asString()).isEqualTo("ES256");
        JsonNode claims = Api.json().readTree(b64(parts[1]));
        URI endpoint = URI.create(Fakes.baseUrl());
        assertThat(claims.path("aud").asString()).isEqualTo("http://" + endpoint.getHost() + ":" + endpoint.getPort());
        long twelveHours = Duration.ofHours(12).toSeconds();
        assertThat(claims.path("exp").asLong()).isBetween(before + twelveHours, after + twelveHours);
        assertThat(claims.path("sub").asString()).startsWith("mailto:");

        JsonNode shown = Api.json().readTree(BrowserPush.decrypt(request.getBody(), browser, auth));
        assertThat(shown.path("title").asString()).isEqualTo("A conversation waits for you");
        assertThat(shown.path("body").asString()).isEqualTo("Ana asked for a human");
        assertThat(shown.path("icon").asString()).isEqualTo("https://parley.example/icon.png");
        assertThat(shown.path("badge").asString()).isEqualTo("https://parley.example/badge.png");
        assertThat(shown.path("url").asString()).isEqualTo("https://parley.example/console/inbox");
        assertThat(shown.path("tag").asString()).isNotBlank();
    }

    @Test
    void should_shorten_a_body_too_long_for_one_record_instead_of_failing() throws Exception {
        String path = stub(201);
        String subscription = subscribe(agent, path, null);
        RenderedNotification longBody = new RenderedNotification(
                null, null, null, "Long", "é".repeat(5000), null, null, "https://parley.example/console");

        SendOutcome outcome =
                push.send(new StaffDelivery(UUID.randomUUID(), organization(), member(), subscription, null, longBody));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        byte[] plaintext = BrowserPush.decrypt(only(path).getBody(), browser, auth);
        assertThat(plaintext.length).isLessThanOrEqualTo(WebPushEncryption.MAX_PLAINTEXT);
        String body = Api.json().readTree(plaintext).path("body").asString();
        assertThat(body).startsWith("éé").endsWith("…");
    }

    @Test
    void should_retire_the_subscription_when_the_push_service_answers_410_or_404() {
        for (int status : List.of(410, 404)) {
            String path = stub(status);
            String subscription = subscribe(agent, path, null);

            SendOutcome outcome = push.send(delivery(subscription));

            assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
                assertThat(rejected.code()).isEqualTo("push_subscription_expired");
                assertThat(rejected.alert()).isFalse();
            });
            assertThat(push.addressesOf(organization(), member())).doesNotContain(subscription);
            JsonNode listed = item(agent.get(base() + "/subscriptions").json(), subscription);
            assertThat(listed.path("expiredAt").isNull())
                    .as("%s retires", status)
                    .isFalse();
            assertThat(push.send(delivery(subscription)))
                    .isInstanceOfSatisfying(
                            SendOutcome.Rejected.class,
                            again -> assertThat(again.code()).isEqualTo("push_subscription_gone"));
            assertThat(Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(path))))
                    .hasSize(1);
        }
    }

    @Test
    void should_reject_for_good_on_413_and_alert_on_400_401_403_and_keep_the_subscription() {
        for (int status : List.of(413, 400, 401, 403)) {
            String subscription = subscribe(agent, stub(status), null);

            SendOutcome outcome = push.send(delivery(subscription));

            assertThat(outcome).as("%s", status).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
                assertThat(rejected.alert()).isEqualTo(status != 413);
            });
            assertThat(push.addressesOf(organization(), member())).contains(subscription);
        }
    }

    @Test
    void should_retry_later_throttled_after_retry_after_on_429_and_plainly_on_5xx() {
        String throttled = subscribe(agent, stub(429, "Retry-After", "7"), null);
        assertThat(push.send(delivery(throttled)))
                .isEqualTo(new SendOutcome.RetryLater(
                        "push_throttled",
                        "The push service answered HTTP 429 (rate limited)",
                        Duration.ofSeconds(7),
                        true));
        String failing = subscribe(agent, stub(503), null);
        assertThat(push.send(delivery(failing))).isInstanceOfSatisfying(SendOutcome.RetryLater.class, retry -> {
            assertThat(retry.throttled()).isFalse();
            assertThat(retry.notBefore()).isNull();
        });
        String unreachable = subscribe(agent, null, "http://127.0.0.1:9/push/" + UUID.randomUUID());
        assertThat(push.send(delivery(unreachable))).isInstanceOf(SendOutcome.RetryLater.class);
    }

    @Test
    void should_update_the_subscription_when_the_same_endpoint_subscribes_again() {
        String path = stub(201);
        String first = subscribe(agent, path, null);
        Api.Response again = agent.post(base() + "/subscriptions", body(null, Fakes.baseUrl() + path, keys()));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first);
        assertThat(again.text("endpointOrigin")).isEqualTo(Fakes.baseUrl());
        assertThat(again.body()).doesNotContain(path).doesNotContain("p256dh").doesNotContain("auth");
        assertThat(agent.get(base() + "/subscriptions").json().path("items")).hasSize(1);
    }

    @Test
    void should_answer_400_naming_the_field_for_an_invalid_subscription() {
        String endpoint = Fakes.baseUrl() + "/push/" + UUID.randomUUID();
        String point = VapidTokens.encode(P256.encode((ECPublicKey) browser.getPublic()));
        byte[] off = P256.encode((ECPublicKey) browser.getPublic());
        off[64] ^= 1;
        String authText = VapidTokens.encode(auth);
        assertInvalid(body(null, null, keys()), "endpoint");
        assertInvalid(body(null, "ftp://push.example/x", keys()), "endpoint");
        assertInvalid(body(null, "http://push.invalid/x", keys()), "endpoint");
        assertInvalid(body(null, endpoint, null), "keys.p256dh");
        assertInvalid(body(null, endpoint, keys(point.substring(0, 80), authText)), "keys.p256dh");
        assertInvalid(body(null, endpoint, keys(VapidTokens.encode(off), authText)), "keys.p256dh");
        assertInvalid(body(null, endpoint, keys("not base64 !", authText)), "keys.p256dh");
        assertInvalid(body(null, endpoint, keys(point, VapidTokens.encode(new byte[15]))), "keys.auth");
        assertInvalid(body(null, endpoint, keys(point, null)), "keys.auth");
        Api.Response key =
                api.post("/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"k\", \"role\": \"admin\"}");
        assertInvalid(api.withToken(key.text("key")), body(null, endpoint, keys()), "staffUserId");
    }

    @Test
    void should_let_a_member_act_for_themselves_and_an_admin_for_anyone() {
        String adminId = user("admin");
        Api admin = api.withToken(login(adminId));
        String endpoint = Fakes.baseUrl() + stub(201);
        Api.Response forbidden = agent.post(base() + "/subscriptions", body(adminId, endpoint, keys()));
        assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
        assertThat(agent.get(base() + "/subscriptions?staffUserId=" + adminId).status())
                .isEqualTo(403);

        Api.Response forAgent = admin.post(base() + "/subscriptions", body(agentId, endpoint, keys()));
        assertThat(forAgent.status()).as(forAgent.body()).isEqualTo(201);
        assertThat(forAgent.text("staffUserId")).isEqualTo(agentId);
        String adminOwn = subscribe(admin, stub(201), null);
        assertThat(agent.delete(base() + "/subscriptions/" + adminOwn).status()).isEqualTo(403);
        assertThat(admin.get(base() + "/subscriptions?staffUserId=" + agentId)
                        .json()
                        .path("items"))
                .hasSize(1);
        Api.Response agentKey =
                api.post("/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"a\", \"role\": \"agent\"}");
        Api.Response byAgentKey = api.withToken(agentKey.text("key"))
                .post(base() + "/subscriptions", body(agentId, Fakes.baseUrl() + stub(201), keys()));
        assertThat(byAgentKey.status()).as(byAgentKey.body()).isEqualTo(403);
        Api.Response byOperator =
                api.post(base() + "/subscriptions", body(agentId, Fakes.baseUrl() + stub(201), keys()));
        assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(201);
        assertThat(api.post(base() + "/subscriptions", body(UUID.randomUUID().toString(), endpoint, keys()))
                        .status())
                .isEqualTo(404);

        assertThat(agent.delete(base() + "/subscriptions/" + forAgent.text("id"))
                        .status())
                .isEqualTo(204);
        assertThat(agent.delete(base() + "/subscriptions/" + forAgent.text("id"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void should_answer_404_for_another_organizations_subscription() {
        String subscription = subscribe(agent, stub(201), null);
        String other = Tenants.organization(api, "Other " + UUID.randomUUID());

        assertThat(api.delete("/api/v1/organizations/" + other + "/push/subscriptions/" + subscription)
                        .status())
                .isEqualTo(404);
        assertThat(push.send(new StaffDelivery(
                        UUID.randomUUID(),
                        new OrganizationId(UUID.fromString(other)),
                        member(),
                        subscription,
                        null,
                        content())))
                .isInstanceOfSatisfying(
                        SendOutcome.Rejected.class,
                        rejected -> assertThat(rejected.code()).isEqualTo("push_subscription_gone"));
        assertThat(push.addressesOf(organization(), member())).containsExactly(subscription);
    }

    @Test
    void should_serve_the_service_worker_and_the_subscribe_script_without_credentials() {
        Api.Response worker = api.withToken(null).getRaw("/sw.js");
        assertThat(worker.status()).isEqualTo(200);
        assertThat(worker.raw().headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(worker.body()).contains("'push'", "'notificationclick'", "'pushsubscriptionchange'");
        Api.Response script = api.withToken(null).getRaw("/js/push-subscribe.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("ParleyPush", "/public-key", "applicationServerKey");
    }

    private void assertInvalid(String json, String field) {
        assertInvalid(agent, json, field);
    }

    private void assertInvalid(Api caller, String json, String field) {
        Api.Response response = caller.post(base() + "/subscriptions", json);
        assertThat(response.status()).as(json + " → " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(json).contains("\"" + field);
    }

    private String subscribe(Api caller, String path, String endpoint) {
        Api.Response response = caller.post(
                base() + "/subscriptions", body(null, endpoint != null ? endpoint : Fakes.baseUrl() + path, keys()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("id");
    }

    private String keys() {
        return keys(VapidTokens.encode(P256.encode((ECPublicKey) browser.getPublic())), VapidTokens.encode(auth));
    }

    private static String keys(String p256dh, String auth) {
        return "{\"p256dh\": " + quoted(p256dh) + ", \"auth\": " + quoted(auth) + "}";
    }

    private static String body(String staffUserId, String endpoint, String keys) {
        return "{" + (staffUserId == null ? "" : "\"staffUserId\": \"" + staffUserId + "\", ") + "\"endpoint\": "
                + quoted(endpoint) + ", \"expirationTime\": null, \"keys\": " + (keys == null ? "null" : keys) + "}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** A push service at a path of its own answering {@code status} (with header name, value pairs). */
    private static String stub(int status, String... headers) {
        String path = "/push-service/" + UUID.randomUUID();
        var response = aResponse().withStatus(status);
        for (int i = 0; i < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        Fakes.wiremock().stubFor(post(urlEqualTo(path)).willReturn(response));
        return path;
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private static JsonNode item(JsonNode list, String id) {
        for (JsonNode item : list.path("items")) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no subscription " + id + " in " + list);
    }

    private StaffDelivery delivery(String subscription) {
        return new StaffDelivery(UUID.randomUUID(), organization(), member(), subscription, null, content());
    }

    private static RenderedNotification content() {
        return new RenderedNotification(
                null,
                null,
                null,
                "A conversation waits for you",
                "Ana asked for a human",
                "https://parley.example/icon.png",
                "https://parley.example/badge.png",
                "https://parley.example/console/inbox");
    }

    private OrganizationId organization() {
        return new OrganizationId(UUID.fromString(org));
    }

    private StaffUserId member() {
        return new StaffUserId(UUID.fromString(agentId));
    }

    private String base() {
        return "/api/v1/organizations/" + org + "/push";
    }

    private String user(String role) {
        String email = role + "-" + UUID.randomUUID() + "@push.test";
        Api.Response created =
                api.post("/api/v1/organizations/" + org + "/users", """
                {"email": "%s", "name": "Staff", "role": "%s", "password": "%s"}""".formatted(email, role, PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        emails.put(created.text("id"), email);
        return created.text("id");
    }

    private final java.util.Map<String, String> emails = new java.util.HashMap<>();

    private String login(String userId) {
        Api.Response session = api.withToken(null)
                .post(
                        "/api/v1/auth/login",
                        "{\"email\": \"" + emails.get(userId) + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        return session.text("token");
    }
}
