package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in, the session cookie, CSRF, security headers and tenant scoping of the console, over plain HTTP. */
class ConsoleShellIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";

    Tenants.WhatsAppBot bot;

    @BeforeEach
    void organization() {
        bot = Tenants.offlineBot(api, FAQ);
    }

    @Test
    void should_send_anonymous_visitors_to_the_sign_in_page() {
        ConsoleHttp anonymous = new ConsoleHttp(port);

        HttpResponse<String> inbox = anonymous.get("/console");
        HttpResponse<String> page = anonymous.get("/console/login");

        assertThat(inbox.statusCode()).isEqualTo(302);
        assertThat(inbox.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-test=\"login-email\"", "data-test=\"login-password\"", "data-test=\"login-submit\"");
        assertThat(anonymous.get("/console", "HX-Request", "true").headers().firstValue("HX-Redirect"))
                .hasValue("/console/login");
    }

    @Test
    void should_sign_in_into_an_http_only_same_site_session_cookie_and_show_the_inbox() {
        String email = ConsoleStaff.create(api, bot.organizationId(), "agent");
        ConsoleHttp http = new ConsoleHttp(port);
        HttpResponse<String> form = http.get("/console/login");
        String loginToken = http.cookie("parley_console_login").orElseThrow();

        HttpResponse<String> signedIn = http.postForm(
                "/console/login", Map.of("email", email, "password", ConsoleStaff.PASSWORD, "_csrf", loginToken));

        assertThat(form.body()).contains(loginToken);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        List<String> cookies = signedIn.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(c -> assertThat(c)
                        .startsWith("parley_console=pss_")
                        .contains("HttpOnly", "SameSite=Lax", "Path=/console")
                        .doesNotContain("Secure"));
        HttpResponse<String> inbox = http.get("/console");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("Inbox", "Agent Person");
        assertThat(inbox.body()).doesNotContain("data-test=\"nav-bots\"", "data-test=\"nav-settings\"");
    }

    @Test
    void should_mark_the_cookie_secure_when_served_over_https_behind_a_proxy() {
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        ConsoleHttp http = new ConsoleHttp(port);
        http.get("/console/login");

        HttpResponse<String> signedIn = http.postForm(
                "/console/login",
                Map.of(
                        "email",
                        email,
                        "password",
                        ConsoleStaff.PASSWORD,
                        "_csrf",
                        http.cookie("parley_console_login").orElseThrow()),
                "X-Forwarded-Proto",
                "https");

        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("parley_console=").contains("Secure", "HttpOnly"));
    }

    @Test
    void should_refuse_a_wrong_password_without_saying_which_part_was_wrong() {
        String email = ConsoleStaff.create(api, bot.organizationId(), "agent");
        ConsoleHttp http = new ConsoleHttp(port);
        http.get("/console/login");

        HttpResponse<String> refused = http.postForm(
                "/console/login",
                Map.of(
                        "email",
                        email,
                        "password",
                        "wrong",
                        "_csrf",
                        http.cookie("parley_console_login").orElseThrow()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("data-test=\"login-error\"", "Wrong email or password.");
        assertThat(http.cookie("parley_console")).isEmpty();
        assertThat(http.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void should_refuse_forms_without_the_csrf_token_and_change_nothing() {
        String email = ConsoleStaff.create(api, bot.organizationId(), "agent");
        ConsoleHttp http = new ConsoleHttp(port);
        http.get("/console/login");
        HttpResponse<String> forgedLogin =
                http.postForm("/console/login", Map.of("email", email, "password", ConsoleStaff.PASSWORD));
        http.signIn(email, ConsoleStaff.PASSWORD);

        HttpResponse<String> forgedLogout = http.postForm("/console/logout", Map.of());
        HttpResponse<String> wrongToken = http.postForm("/console/logout", Map.of("_csrf", "not-the-token"));

        assertThat(forgedLogin.statusCode()).isEqualTo(403);
        assertThat(forgedLogout.statusCode()).isEqualTo(403);
        assertThat(forgedLogout.body()).contains("data-test=\"csrf-refused\"");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(http.get("/console").statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> headerToken =
                http.postForm("/console/logout", Map.of(), "X-CSRF-Token", http.csrfToken(), "HX-Request", "true");
        assertThat(headerToken.statusCode()).isEqualTo(302);
        assertThat(http.get("/console").statusCode()).as("signed out").isEqualTo(302);
    }

    @Test
    void should_show_the_not_found_page_for_another_organizations_conversation() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, FAQ);
        Api.Response webchat = api.post(
                "/api/v1/chatbots/" + other.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor\", \"text\": \"Opening hours?\"}");
        assertThat(webchat.status()).as(webchat.body()).isEqualTo(202);
        String othersConversation = webchat.text("conversationId");
        ConsoleHttp http = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "owner"), ConsoleStaff.PASSWORD);

        HttpResponse<String> foreign = http.get("/console/conversations/" + othersConversation);
        HttpResponse<String> malformed = http.get("/console/conversations/not-an-id");

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("data-test=\"not-found\"").doesNotContain("Opening hours?");
        assertThat(malformed.statusCode()).isEqualTo(404);
        ConsoleHttp theirs = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, other.organizationId(), "agent"), ConsoleStaff.PASSWORD);
        assertThat(theirs.get("/console/conversations/" + othersConversation).statusCode())
                .isEqualTo(200);
    }

    @Test
    void should_serve_every_console_page_with_a_strict_content_security_policy() {
        HttpResponse<String> page = new ConsoleHttp(port).get("/console/login");
        HttpResponse<String> asset = new ConsoleHttp(port).get("/console-assets/console.js");

        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).doesNotContain("<script>", "style=\"", "onclick=");
        assertThat(asset.statusCode()).isEqualTo(200);
    }

    @Test
    void should_let_the_operator_sign_in_with_the_admin_token_and_choose_an_organization() {
        ConsoleHttp http = new ConsoleHttp(port);
        http.get("/console/login");
        HttpResponse<String> wrong = http.postForm(
                "/console/login",
                Map.of(
                        "token",
                        "not-the-token",
                        "_csrf",
                        http.cookie("parley_console_login").orElseThrow()));
        assertThat(wrong.statusCode()).isEqualTo(401);

        http.signInAsOperator(ParleyTestContext.ADMIN_TOKEN, bot.organizationId());

        HttpResponse<String> inbox = http.get("/console");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("data-test=\"org-switcher\"", "data-test=\"nav-bots\"");
        assertThat(new ConsoleHttp(port)
                        .postForm("/console/organizations", Map.of("organizationId", bot.organizationId()))
                        .statusCode())
                .as("anonymous")
                .isEqualTo(401);
    }

    @Test
    void should_not_let_a_staff_member_use_the_operators_organization_switcher() {
        ConsoleHttp http = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "owner"), ConsoleStaff.PASSWORD);
        String other = Tenants.organization(api, "Other");

        HttpResponse<String> switched = http.postWithCsrf("/console/organizations", Map.of("organizationId", other));

        assertThat(switched.statusCode()).isEqualTo(403);
        assertThat(http.get("/console/organizations").statusCode()).isEqualTo(403);
    }
}
