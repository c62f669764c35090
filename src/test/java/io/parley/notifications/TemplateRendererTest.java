package io.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.delivery.SendOutcome;
import io.parley.notifications.internal.template.NotificationTemplate;
import io.parley.notifications.internal.template.TemplateRenderer;
import io.parley.platform.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rendering notification templates: declared variables, conditionals, escaping per channel (a hand-made chat
 * channel that escapes like MarkdownV2 does for a few characters) and expressions that must not reach Java.
 */
class TemplateRendererTest {
    final TemplateRenderer renderer = new TemplateRenderer();

    /** A chat channel of the test's own: escapes '*', '_' and '.' with a backslash. */
    static final StaffChannel CHAT = new StaffChannel() {
        @Override
        public String name() {
            return "chatx";
        }

        @Override
        public String escape(String value) {
            return value.replaceAll("([*_.])", "\\\\$1");
        }

        @Override
        public SendOutcome send(StaffDelivery delivery) {
            throw new UnsupportedOperationException();
        }
    };

    static final StaffChannel EMAIL = new StaffChannel() {
        @Override
        public String name() {
            return "email";
        }

        @Override
        public SendOutcome send(StaffDelivery delivery) {
            throw new UnsupportedOperationException();
        }
    };

    static NotificationTemplate template(List<String> variables, Map<String, Map<String, String>> parts) {
        return new NotificationTemplate("t", null, variables, Map.of(), parts);
    }

    @Test
    void should_list_every_missing_variable_when_some_are_not_given() {
        NotificationTemplate t =
                template(List.of("a", "b", "c"), Map.of("chat", Map.of("text", "[[${a}]] [[${b}]] [[${c}]]")));

        assertThatThrownBy(() -> renderer.render(t, CHAT, Map.of("b", "x", "other", "y")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.code()).isEqualTo("template_variables_missing");
                    assertThat(e.getMessage()).contains("a, c");
                    assertThat(e.context()).containsEntry("missing", List.of("a", "c"));
                });
    }

    @Test
    void should_ignore_extra_variables_and_follow_conditionals() {
        NotificationTemplate t = template(
                List.of("name", "reason"),
                Map.of(
                        "chat",
                        Map.of("text", "Hi [[${name}]][# th:if=\"${reason != ''}\"] because [[${reason}]][/]!")));

        assertThat(renderer.render(t, CHAT, Map.of("name", "Ada", "reason", "", "extra", "x"))
                        .text())
                .isEqualTo("Hi Ada!");
        assertThat(renderer.render(t, CHAT, Map.of("name", "Ada", "reason", "a tattoo"))
                        .text())
                .isEqualTo("Hi Ada because a tattoo!");
    }

    @Test
    void should_escape_values_for_the_channel_and_html_for_email_html() {
        NotificationTemplate t = template(
                List.of("name"),
                Map.of(
                        "chat", Map.of("text", "*Bold* [[${name}]]"),
                        "email",
                                Map.of(
                                        "subject", "Hi [[${name}]]",
                                        "text", "Hi [[${name}]]",
                                        "html", "<p th:text=\"${name}\">x</p><p>[[${name}]]</p>")));
        String hostile = "<script>alert(1)</script> *a_b.c*";

        assertThat(renderer.render(t, CHAT, Map.of("name", hostile)).text())
                .isEqualTo("*Bold* <script>alert(1)</script> \\*a\\_b\\.c\\*");
        RenderedNotification email = renderer.render(t, EMAIL, Map.of("name", hostile));
        assertThat(email.html())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(email.text()).isEqualTo("Hi " + hostile);
        assertThat(email.subject()).isEqualTo("Hi " + hostile);
    }

    @Test
    void should_refuse_expressions_that_reach_java_types_or_beans() {
        for (String source : List.of(
                "[[${T(java.lang.Runtime).getRuntime().availableProcessors()}]]",
                "[[${T(java.lang.System).getenv()}]]",
                "[[${new java.lang.ProcessBuilder('id').start()}]]",
                "[[${@jdbcClient}]]",
                "[[${name.getClass().forName('java.lang.Runtime')}]]")) {
            NotificationTemplate t = template(List.of("name"), Map.of("chat", Map.of("text", source)));
            String rendered;
            try {
                rendered = renderer.render(t, CHAT, Map.of("name", "x")).text();
            } catch (InvalidRequestException e) {
                assertThat(e.code()).as(source).isEqualTo("invalid_notification_template");
                continue;
            }
            assertThat(rendered).as(source).isEmpty();
        }
    }

    @Test
    void should_refuse_method_calls_utilities_loops_and_preprocessing_that_could_exhaust_the_server() {
        for (String source : List.of(
                "[[${name.repeat(100000000)}]]",
                "[# th:each=\"i : ${#numbers.sequence(1, 1000000000)}\"]x[/]",
                "[[${#strings.repeat(name, 100000000)}]]",
                "[[${__${name}__}]]",
                "[# th:insert=\"~{'x'}\"/]")) {
            NotificationTemplate t = template(List.of("name"), Map.of("chat", Map.of("text", source)));

            assertThatThrownBy(() -> renderer.render(t, CHAT, Map.of("name", "x")))
                    .as(source)
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.code()).isEqualTo("invalid_notification_template"));
        }
    }

    @Test
    void should_refuse_unescaped_output_in_html_parts() {
        NotificationTemplate t =
                template(List.of("name"), Map.of("email", Map.of("html", "<p th:utext=\"${name}\">x</p>")));

        assertThatThrownBy(() -> renderer.check(t))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_notification_template"));
    }

    @Test
    void should_use_the_chat_part_for_a_chat_channel_and_refuse_a_channel_without_a_part() {
        NotificationTemplate t = template(List.of(), Map.of("chat", Map.of("text", "hello")));

        assertThat(renderer.render(t, CHAT, Map.of()).text()).isEqualTo("hello");
        assertThatThrownBy(() -> renderer.render(t, EMAIL, Map.of()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("template_has_no_part"));
    }
}
