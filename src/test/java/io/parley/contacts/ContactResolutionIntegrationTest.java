package io.parley.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** One contact per person per organization (seed 000 §2.2, ADR 31): priority, attach, conflicts, trust, races. */
class ContactResolutionIntegrationTest extends IntegrationTestSupport {
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Autowired
    Contacts contacts;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void should_resolve_a_verified_phone_claim_to_the_contact_whatsapp_created_for_that_number() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String waId = "4917" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        assertThat(Webhooks.post(
                                api,
                                WhatsAppPayloads.text(bot.phoneNumberId(), waId, WhatsAppPayloads.newWamid(), "Hello"),
                                bot.appSecret())
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> whatsAppContact(bot, waId) != null);
        ContactId whatsApp = whatsAppContact(bot, waId);
        ChatbotId otherBot = chatbot(bot.organizationId());

        ResolvedContact resolved = resolve(
                org(bot.organizationId()),
                otherBot,
                new IdentityClaims("+" + waId, "Ana@Example.org", null, "user-17", "Ana").identities(),
                IdentityTrust.VERIFIED);

        assertThat(resolved.id()).isEqualTo(whatsApp);
        assertThat(resolved.created()).isFalse();
        assertThat(resolved.tier()).isEqualTo(ContactTier.VERIFIED);
        assertThat(contacts.find(whatsApp).orElseThrow().identities())
                .containsExactlyInAnyOrder(
                        new ContactIdentity("phone", "+" + waId),
                        new ContactIdentity("email", "ana@example.org"),
                        new ContactIdentity("external", "user-17"));
    }

    @Test
    void should_keep_the_same_phone_in_two_organizations_as_two_contacts() {
        String phone = newPhone();
        ResolvedContact first =
                resolve(newOrganization(), null, List.of(ContactIdentity.phone(phone)), IdentityTrust.VERIFIED);
        ResolvedContact second =
                resolve(newOrganization(), null, List.of(ContactIdentity.phone(phone)), IdentityTrust.VERIFIED);

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isTrue();
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void should_make_a_new_guest_for_a_message_without_identities() {
        OrganizationId org = newOrganization();

        ResolvedContact first = resolve(org, null, List.of(), IdentityTrust.CLAIMED);
        ResolvedContact second = resolve(org, null, List.of(), IdentityTrust.CLAIMED);

        assertThat(first.created()).isTrue();
        assertThat(first.tier()).isEqualTo(ContactTier.GUEST);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void should_resolve_by_the_highest_priority_identity_skip_one_owned_by_another_contact_and_record_the_conflict() {
        OrganizationId org = newOrganization();
        String phone = newPhone();
        ContactIdentity email = new ContactIdentity("email", "pat-" + UUID.randomUUID() + "@example.org");
        ContactId byEmail =
                resolve(org, null, List.of(email), IdentityTrust.VERIFIED).id();
        ContactId byPhone = resolve(org, null, List.of(ContactIdentity.phone(phone)), IdentityTrust.VERIFIED)
                .id();
        ContactIdentity device = new ContactIdentity("device", "dev-" + UUID.randomUUID());

        ResolvedContact resolved =
                resolve(org, null, List.of(email, device, ContactIdentity.phone(phone)), IdentityTrust.VERIFIED);
        resolve(org, null, List.of(email, ContactIdentity.phone(phone)), IdentityTrust.VERIFIED);

        assertThat(resolved.id()).as("phone outranks email").isEqualTo(byPhone);
        assertThat(contacts.find(byPhone).orElseThrow().identities())
                .containsExactlyInAnyOrder(ContactIdentity.phone(phone), device);
        assertThat(contacts.find(byEmail).orElseThrow().identities()).containsExactly(email);
        List<String> conflicts =
                jdbc.sql("""
                        select cast(payload as text) from system_events
                        where organization_id = :org and type = 'contacts.identity_conflict'""").param("org", org.value()).query(String.class).list();
        assertThat(conflicts).as("the same conflict again is said once").hasSize(1);
        assertThat(conflicts.getFirst())
                .contains(byPhone.toString())
                .contains(byEmail.toString())
                .contains("email")
                .doesNotContain(email.value());
    }

    @Test
    void should_never_attach_unsigned_claims_to_a_verified_contact() {
        OrganizationId org = newOrganization();
        String phone = newPhone();
        ContactId verified = resolve(org, null, List.of(ContactIdentity.phone(phone)), IdentityTrust.VERIFIED)
                .id();
        ContactIdentity device = new ContactIdentity("device", "dev-" + UUID.randomUUID());

        ResolvedContact claimed =
                resolve(org, null, List.of(ContactIdentity.phone(phone), device), IdentityTrust.CLAIMED);

        assertThat(claimed.id()).isNotEqualTo(verified);
        assertThat(claimed.created()).isTrue();
        assertThat(claimed.tier()).isEqualTo(ContactTier.GUEST);
        assertThat(contacts.find(verified).orElseThrow().identities()).containsExactly(ContactIdentity.phone(phone));
        assertThat(contacts.find(claimed.id()).orElseThrow().identities()).containsExactly(device);
        assertThat(resolve(org, null, List.of(device), IdentityTrust.CLAIMED).id())
                .as("the visitor comes back as the same guest")
                .isEqualTo(claimed.id());
    }

    @Test
    void should_lead_a_verified_contacts_own_device_back_to_it_without_attaching_claims() {
        OrganizationId org = newOrganization();
        ContactIdentity device = new ContactIdentity("device", "dev-" + UUID.randomUUID());
        ContactId verified = resolve(
                        org, null, List.of(ContactIdentity.phone(newPhone()), device), IdentityTrust.VERIFIED)
                .id();
        ContactIdentity email = new ContactIdentity("email", "eve-" + UUID.randomUUID() + "@example.org");

        ResolvedContact again = resolve(org, null, List.of(email, device), IdentityTrust.CLAIMED);

        assertThat(again.id()).isEqualTo(verified);
        assertThat(contacts.find(verified).orElseThrow().identities()).doesNotContain(email);
        assertThat(jdbc.sql("select count(*) from contact_identities where organization_id = :org and kind = 'email'")
                        .param("org", org.value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void should_raise_a_claimed_contact_to_verified_when_a_channel_proves_one_of_its_identities() {
        OrganizationId org = newOrganization();
        ContactIdentity email = new ContactIdentity("email", "kim-" + UUID.randomUUID() + "@example.org");
        ContactIdentity device = new ContactIdentity("device", "dev-" + UUID.randomUUID());
        ResolvedContact claimed = resolve(org, null, List.of(device, email), IdentityTrust.CLAIMED);
        assertThat(claimed.tier()).isEqualTo(ContactTier.STANDARD);

        ResolvedContact proven =
                resolve(org, null, List.of(email, new ContactIdentity("external", "u-1")), IdentityTrust.VERIFIED);

        assertThat(proven.id()).isEqualTo(claimed.id());
        assertThat(proven.tier()).isEqualTo(ContactTier.VERIFIED);
        assertThat(contacts.find(claimed.id()).orElseThrow().tier()).isEqualTo(ContactTier.VERIFIED);
    }

    @Test
    void should_make_one_contact_when_first_messages_of_one_person_race() throws Exception {
        OrganizationId org = newOrganization();
        String phone = newPhone();
        ContactIdentity device = new ContactIdentity("device", "dev-" + UUID.randomUUID());
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResolvedContact>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                List<ContactIdentity> identities = i % 2 == 0
                        ? List.of(ContactIdentity.phone(phone), device)
                        : List.of(device, ContactIdentity.phone(phone));
                results.add(pool.submit(() -> {
                    start.await();
                    return resolve(org, null, identities, IdentityTrust.VERIFIED);
                }));
            }
            start.countDown();
            List<ContactId> ids = new ArrayList<>();
            for (Future<ResolvedContact> result : results) {
                ids.add(result.get().id());
            }
            assertThat(ids).hasSize(racers).containsOnly(ids.getFirst());
            assertThat(results.stream().filter(r -> r.resultNow().created()).count())
                    .isEqualTo(1);
        }
        assertThat(jdbc.sql("select count(*) from contacts where organization_id = :org")
                        .param("org", org.value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from system_events where organization_id = :org")
                        .param("org", org.value())
                        .query(Integer.class)
                        .single())
                .as("no conflicts")
                .isZero();
    }

    private ResolvedContact resolve(
            OrganizationId org, ChatbotId bot, List<ContactIdentity> identities, IdentityTrust trust) {
        return new TransactionTemplate(transactionManager)
                .execute(status -> contacts.resolve(org, bot, identities, trust, null, NOW));
    }

    private ContactId whatsAppContact(Tenants.WhatsAppBot bot, String waId) {
        return jdbc.sql("""
                        select contact_id from contact_identities
                        where organization_id = cast(:org as uuid) and kind = 'phone' and value = :phone""")
                .param("org", bot.organizationId())
                .param("phone", "+" + waId)
                .query((rs, n) -> new ContactId(rs.getObject(1, UUID.class)))
                .optional()
                .orElse(null);
    }

    private OrganizationId newOrganization() {
        return org(Tenants.organization(api, "Contacts " + UUID.randomUUID()));
    }

    private ChatbotId chatbot(String organizationId) {
        return new ChatbotId(UUID.fromString(api.post("/api/v1/organizations/" + organizationId + "/chatbots", """
                {"name": "Web", "systemPrompt": "Help.", "model": {"provider": "offline"}}""")
                .text("id")));
    }

    private static OrganizationId org(String id) {
        return new OrganizationId(UUID.fromString(id));
    }

    static String newPhone() {
        return "+4916" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
    }
}
