package io.parley.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.platform.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityClaimsTest {
    @Test
    void should_normalize_every_claim_and_list_identities_in_priority_order() {
        IdentityClaims claims = new IdentityClaims(
                " +49 (151) 123-45.67 ",
                " Ana@Example.ORG ",
                " dev-1 ",
                "user-1",
                "  Ana\u0007 ",
                List.of(new ContactIdentity("webchat", "s-1")));

        assertThat(claims.phone()).isEqualTo("+491511234567");
        assertThat(claims.email()).isEqualTo("ana@example.org");
        assertThat(claims.deviceId()).isEqualTo("dev-1");
        assertThat(claims.name()).isEqualTo("Ana");
        assertThat(claims.identities())
                .extracting(ContactIdentity::kind)
                .containsExactly("phone", "email", "device", "external", "webchat");
    }

    @Test
    void should_treat_blank_claims_as_absent() {
        IdentityClaims claims = new IdentityClaims(" ", "", null, "\t", null);

        assertThat(claims.isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "phone, 4915112345",
        "phone, +1",
        "phone, +1234567890123456",
        "phone, +49abc",
        "email, ana",
        "email, ana@localhost",
        "email, a@b@example.org",
        "deviceId, 129",
        "externalId, 256",
        "name, 201",
    })
    void should_refuse_a_bad_claim_naming_its_field(String field, String value) {
        assertThatThrownBy(() -> claims(field, value)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.code()).isEqualTo("validation_failed");
            assertThat(e.getMessage()).startsWith(field + " ");
            assertThat(e.context().toString()).contains("field=" + field);
        });
    }

    @Test
    void should_make_whatsapps_wa_id_a_phone_identity() {
        assertThat(ContactIdentity.whatsApp("16505551234")).isEqualTo(new ContactIdentity("phone", "+16505551234"));
        assertThat(ContactIdentity.whatsApp("not-a-number").kind()).isEqualTo(ContactIdentity.WA_ID);
    }

    @Test
    void should_order_contact_tiers() {
        assertThat(ContactTier.VERIFIED.atLeast(ContactTier.STANDARD)).isTrue();
        assertThat(ContactTier.GUEST.atLeast(ContactTier.STANDARD)).isFalse();
        assertThat(ContactTier.fromWire("Standard")).isEqualTo(ContactTier.STANDARD);
    }

    private static IdentityClaims claims(String field, String value) {
        String text = value.chars().allMatch(Character::isDigit) && !field.equals("phone")
                ? "x".repeat(Integer.parseInt(value))
                : value;
        Map<String, String> all = Map.of(field, text);
        return new IdentityClaims(
                all.get("phone"), all.get("email"), all.get("deviceId"), all.get("externalId"), all.get("name"));
    }
}
