package io.parley.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.NotFoundException;
import io.parley.testing.Api;
import io.parley.testing.LogLines;
import io.parley.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connecting Stripe: the contract's PUT, what GET shows, key checks, rotation, disconnect, other tenants. */
class StripeConnectIntegrationTest extends StripeTestSupport {
    @Test
    void should_answer_id_and_webhook_url_when_an_admin_connects_stripe() {
        String org = Tenants.organization(api, "Ink " + UUID.randomUUID());
        String adminKey = api.post(
                        "/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"admin\", \"role\": \"admin\"}")
                .text("key");

        Api.Response connected = api.withToken(adminKey)
                .put(
                        "/api/v1/organizations/" + org + "/integrations/stripe",
                        "{\"secretKey\": \"sk_test_" + random() + "\", \"webhookSecret\": \"whsec_" + random() + "\"}");

        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        String id = connected.text("id");
        assertThat(connected.text("webhookUrl")).isEqualTo("http://localhost:" + port + "/webhooks/stripe/" + id);
        Api.Response shown = api.get("/api/v1/organizations/" + org + "/integrations/stripe");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.text("id")).isEqualTo(id);
        assertThat(shown.text("mode")).isEqualTo("test");
        assertThat(shown.text("connectedAt")).isNotBlank();
    }

    @Test
    void should_never_return_store_in_clear_or_log_the_keys_when_connecting_and_rotating() {
        String org = Tenants.organization(api, "Ink " + UUID.randomUUID());
        String secretKey = "sk_live_" + random();
        String webhookSecret = "whsec_" + random();
        String newSecret = "whsec_" + random();
        try (LogLines logs = LogLines.capture("io.parley")) {
            Api.Response first = connect(org, secretKey, webhookSecret);
            Api.Response second = connect(org, secretKey, newSecret);
            Api.Response shown = api.get("/api/v1/organizations/" + org + "/integrations/stripe");
            Api.Response events = api.get("/api/v1/organizations/" + org + "/events");

            for (Api.Response response : new Api.Response[] {first, second, shown, events}) {
                assertThat(response.body()).doesNotContain(secretKey, webhookSecret, newSecret);
            }
            assertThat(shown.text("mode")).isEqualTo("live");
            assertThat(logs.all())
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line.message() + line.context() + line.values())
                            .doesNotContain(secretKey, webhookSecret, newSecret));
        }
        byte[] sealed = jdbc.sql("select secret_key_sealed from stripe_integrations where organization_id = :org")
                .param("org", UUID.fromString(org))
                .query(byte[].class)
                .single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secretKey);
    }

    @ParameterizedTest
    @CsvSource({
        "pk_test_abcdefgh12345678, whsec_abcdefgh12345678, secretKey, stripe_key_invalid",
        "sk_test_abcdefgh12345678, sk_test_abcdefgh12345678, webhookSecret, stripe_key_invalid",
        "whsec_abcdefgh12345678, whsec_abcdefgh12345678, secretKey, stripe_key_invalid",
        "'', whsec_abcdefgh12345678, secretKey, stripe_key_missing",
        "rk_live_abcdefgh12345678, '', webhookSecret, stripe_key_missing"
    })
    void should_answer_400_naming_the_field_when_a_key_has_the_wrong_shape(
            String secretKey, String webhookSecret, String field, String code) {
        String org = Tenants.organization(api, "Ink " + UUID.randomUUID());

        Api.Response refused = connect(org, secretKey, webhookSecret);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo(code);
        assertThat(refused.body()).contains(field);
        assertThat(api.get("/api/v1/organizations/" + org + "/integrations/stripe")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void should_keep_the_integration_id_when_a_second_put_rotates_the_keys() {
        Shop shop = connectedShop();

        Api.Response rotated = connect(shop.orgId(), "rk_test_" + random(), "whsec_" + random());

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("id")).isEqualTo(shop.integrationId());
        assertThat(events(shop, "stripe.rotated")).hasSize(1);
    }

    @Test
    void should_answer_404_when_disconnected_or_when_another_organization_asks() {
        Shop shop = connectedShop();
        Shop other = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        String otherAdmin = api.post(
                        "/api/v1/organizations/" + other.orgId() + "/api-keys",
                        "{\"name\": \"admin\", \"role\": \"admin\"}")
                .text("key");

        assertThat(api.withToken(otherAdmin)
                        .get("/api/v1/organizations/" + shop.orgId() + "/integrations/stripe")
                        .status())
                .isEqualTo(404);
        assertThat(api.withToken(otherAdmin)
                        .get("/api/v1/organizations/" + other.orgId() + "/payments/" + payment.id())
                        .status())
                .isEqualTo(404);
        assertThatThrownBy(() -> payments.get(other.organization(), payment.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(api.get("/api/v1/organizations/" + shop.orgId() + "/payments/" + payment.id())
                        .text("status"))
                .isEqualTo("open");

        assertThat(api.delete("/api/v1/organizations/" + shop.orgId() + "/integrations/stripe")
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/organizations/" + shop.orgId() + "/integrations/stripe")
                        .status())
                .isEqualTo(404);
        assertThat(deliver(
                                shop,
                                event("evt_" + random(), "checkout.session.completed", payment, "paid"),
                                shop.webhookSecret())
                        .status())
                .isEqualTo(404);
    }
}
